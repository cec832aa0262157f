package dev.canary.prometheus;

import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import java.util.concurrent.TimeUnit;

/** Asks through the asynchronous variants, refusing the runner's blocking executor. */
final class AsyncQueries {
    private AsyncQueries() {
    }

    static MetricResult ask(PrometheusMetricsProvider provider, MetricQuery query) {
        try {
            return provider.queryAsync(query, task -> {
                throw new AssertionError("queryAsync used the runner's blocking executor");
            }).toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("queryAsync failed instead of answering a MetricResult", e);
        }
    }

    /** Asks through {@link PrometheusMetricsProvider#countsAsync}, refusing the runner's blocking executor. */
    static MetricResult count(PrometheusMetricsProvider provider, MetricQuery query, java.time.Duration window) {
        try {
            return provider.countsAsync(query, window, task -> {
                throw new AssertionError("countsAsync used the runner's blocking executor");
            }).toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("countsAsync failed instead of answering a MetricResult", e);
        }
    }
}
