package dev.canary;

import dev.canary.spi.ProviderFactory;

/**
 * Receives the events of a run.
 *
 * <p>Listeners are called one event at a time, in order, from the runtime's blocking pool: they must be fast,
 * must not block and must not throw. A listener is contained all the same: anything it throws (an
 * {@link Error} too) is logged and ignored, and one that does not return within the run's call deadline (half
 * an interval, see {@code docs/runner.md}) is skipped, with a warning, until that call returns.
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
