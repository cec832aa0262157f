package dev.canary.spi;

import dev.canary.spec.MetricResult;
import java.time.Duration;

/**
 * Answers metric checks. {@link #query} must not throw for an unavailable backend: it returns
 * {@link MetricResult.Failed} instead. Implementations must be thread-safe: the runner queries all checks
 * of a tick concurrently.
 */
public interface MetricsProvider extends AutoCloseable {

    /** Evaluates one check over the check's interval, ending now. */
    MetricResult query(MetricQuery query);

    /**
     * Evaluates one check without holding the caller's thread. The default runs {@link #query} on
     * {@code blocking}, the runner's bounded pool for blocking calls; a provider with an asynchronous client
     * overrides this so that thousands of runs need no thread while their queries are in flight. The runner
     * bounds the call with its deadline (see {@code docs/runner.md}) and treats an exception, a failed future
     * or a late answer as {@link MetricResult.Failed}.
     */
    default java.util.concurrent.CompletionStage<MetricResult> queryAsync(MetricQuery query,
            java.util.concurrent.Executor blocking) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> query(query), blocking);
    }

    /**
     * The counts behind one check for one subject over {@code window} ending now, for sequential judgement:
     * requests, failed requests and cumulative latency buckets ({@link MetricResult.Counts}), or no data, or a
     * failure. The runner asks only for checks judged sequentially, for the primary only when a check compares
     * with it, and with a window that starts when the analysis started. The default answers that this provider
     * reports no counts.
     */
    default MetricResult counts(MetricQuery query, Duration window) {
        return new MetricResult.Failed(getClass().getSimpleName() + " does not report request counts, which "
                + "sequential checks need", query.check().name());
    }

    /**
     * {@link #counts} without holding the caller's thread. The default runs {@link #counts} on {@code blocking}, the
     * runner's bounded pool for blocking calls; a provider with an asynchronous client overrides this (as
     * {@link #queryAsync}). The runner bounds the call with its deadline and treats an exception, a failed future or
     * a late answer as {@link MetricResult.Failed}.
     */
    default java.util.concurrent.CompletionStage<MetricResult> countsAsync(MetricQuery query, Duration window,
            java.util.concurrent.Executor blocking) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> counts(query, window), blocking);
    }

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }

    /** Creates {@link MetricsProvider}s; register in {@code META-INF/services/dev.canary.spi.MetricsProvider$Factory}. */
    interface Factory extends ProviderFactory<MetricsProvider> {
    }
}
