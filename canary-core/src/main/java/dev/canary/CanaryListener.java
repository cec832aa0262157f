package dev.canary;

import dev.canary.spi.ProviderFactory;

/**
 * Receives the events of a run.
 *
 * <p>Listeners are called on the runner's thread, in order: they must be fast, must not block, must not
 * throw (an exception is logged and ignored) and must not call back into the run.
 */
public interface CanaryListener {
    /** A listener that does nothing. */
    CanaryListener NONE = event -> { };

    void onEvent(CanaryEvent event);

    /**
     * Creates {@link CanaryListener}s by name ({@code CanaryRun.builder().listener("name", config)}); register
     * in {@code META-INF/services/dev.canary.CanaryListener$Factory}. A listener is only created when named:
     * being on the class path is not enough.
     */
    interface Factory extends ProviderFactory<CanaryListener> {
    }
}
