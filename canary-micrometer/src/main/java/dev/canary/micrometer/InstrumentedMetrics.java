package dev.canary.micrometer;

import dev.canary.spi.MetricQuery;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricsProvider;

/** A metrics provider whose queries are timed; a {@link MetricResult.Failed} counts as an error. Thread-safe. */
final class InstrumentedMetrics implements MetricsProvider {
    private final MetricsProvider metrics;
    private final ProviderCalls calls;

    InstrumentedMetrics(MetricsProvider metrics, ProviderCalls calls) {
        this.metrics = metrics;
        this.calls = calls;
    }

    @Override
    public MetricResult query(MetricQuery query) {
        return calls.call("query", () -> metrics.query(query), result -> result instanceof MetricResult.Failed);
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
