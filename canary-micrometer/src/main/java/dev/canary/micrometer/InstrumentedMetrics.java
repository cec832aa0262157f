package dev.canary.micrometer;

import dev.canary.spi.MetricQuery;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricsProvider;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A metrics provider whose queries are timed; a {@link MetricResult.Failed} counts as an error. Every method of
 * {@link MetricsProvider} goes to the wrapped provider, its own asynchronous variant included (timed as the
 * blocking one, under the same operation). Thread-safe when the provider is.
 */
final class InstrumentedMetrics implements MetricsProvider {
    private final MetricsProvider metrics;
    private final ProviderCalls calls;

    InstrumentedMetrics(MetricsProvider metrics, ProviderCalls calls) {
        this.metrics = metrics;
        this.calls = calls;
    }

    @Override
    public MetricResult query(MetricQuery query) {
        return calls.call("query", () -> metrics.query(query), InstrumentedMetrics::failed);
    }

    @Override
    public CompletionStage<MetricResult> queryAsync(MetricQuery query, Executor blocking) {
        return calls.callAsync("query", () -> metrics.queryAsync(query, blocking), InstrumentedMetrics::failed);
    }

    @Override
    public MetricResult counts(MetricQuery query, Duration window) {
        return calls.call("counts", () -> metrics.counts(query, window), InstrumentedMetrics::failed);
    }

    @Override
    public CompletionStage<MetricResult> countsAsync(MetricQuery query, Duration window, Executor blocking) {
        return calls.callAsync("counts", () -> metrics.countsAsync(query, window, blocking),
                InstrumentedMetrics::failed);
    }

    private static boolean failed(MetricResult result) {
        return result instanceof MetricResult.Failed;
    }

    @Override
    public void close() {
        metrics.close();
    }

    @Override
    public String toString() {
        return metrics.toString();
    }
}
