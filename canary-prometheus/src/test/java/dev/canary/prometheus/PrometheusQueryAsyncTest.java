package dev.canary.prometheus;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import java.time.Duration;

/**
 * Every case of {@link PrometheusMetricsProviderTest} again, asked through
 * {@link PrometheusMetricsProvider#queryAsync} and {@link PrometheusMetricsProvider#countsAsync} (OkHttp
 * asynchronous calls): the same queries and results.
 */
class PrometheusQueryAsyncTest extends PrometheusMetricsProviderTest {
    @Override
    MetricResult ask(MetricCheck check) {
        return AsyncQueries.ask(prometheus.provider(), MetricQuery.canary(SEED, check));
    }

    @Override
    MetricResult count(PrometheusMetricsProvider provider, MetricQuery query, Duration window) {
        return AsyncQueries.count(provider, query, window);
    }
}
