package dev.canary.spi;

import dev.canary.spec.MetricResult;

/**
 * Answers metric checks. {@link #query} must not throw for an unavailable backend: it returns
 * {@link MetricResult.Failed} instead. Implementations must be thread-safe: the runner queries all checks
 * of a tick concurrently.
 */
public interface MetricsProvider extends AutoCloseable {

    /** Evaluates one check over the check's interval, ending now. */
    MetricResult query(MetricQuery query);

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }

    /** Creates {@link MetricsProvider}s; register in {@code META-INF/services/dev.canary.spi.MetricsProvider$Factory}. */
    interface Factory extends ProviderFactory<MetricsProvider> {
    }
}
