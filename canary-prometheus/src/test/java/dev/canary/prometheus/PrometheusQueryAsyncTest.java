package dev.canary.prometheus;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;

/**
 * Every case of {@link PrometheusMetricsProviderTest} again, asked through
 * {@link PrometheusMetricsProvider#queryAsync} (OkHttp asynchronous calls): the same queries and results
 * ({@link CountQueriesAsyncTest} does the same for the counts).
 */
class PrometheusQueryAsyncTest extends PrometheusMetricsProviderTest {
    @Override
    MetricResult ask(MetricCheck check) {
        return AsyncQueries.ask(prometheus.provider(), MetricQuery.canary(SEED, check));
    }
}
