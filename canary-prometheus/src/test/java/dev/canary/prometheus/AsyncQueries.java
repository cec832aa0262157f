package dev.canary.prometheus;

import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import java.util.concurrent.TimeUnit;

/** Asks through {@link PrometheusMetricsProvider#queryAsync}, refusing the runner's blocking executor. */
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
}
