package dev.canary.examples;

import dev.canary.prometheus.PrometheusMetricsProviderFactory;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.ProviderConfig;
import java.time.Duration;

/**
 * {@code prometheus-in-order}: the Prometheus provider with its asynchronous queries turned into blocking ones on
 * the run's executor, for tests that drive a run on a manual scheduler. An asynchronous answer arrives on an HTTP
 * thread while the test's thread moves the manual clock, and a loaded machine could let the clock pass the
 * query's deadline first; on the manual scheduler the blocking query runs in order, on the test's thread.
 */
public final class InOrderPrometheusFactory implements MetricsProvider.Factory {
    static final String NAME = "prometheus-in-order";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public MetricsProvider create(ProviderConfig config) {
        MetricsProvider prometheus = new PrometheusMetricsProviderFactory().create(config);
        return new MetricsProvider() {
            @Override
            public MetricResult query(MetricQuery query) {
                return prometheus.query(query);
            }

            @Override
            public MetricResult counts(MetricQuery query, Duration window) {
                return prometheus.counts(query, window);
            }

            @Override
            public void close() {
                prometheus.close();
            }
        };
    }
}
