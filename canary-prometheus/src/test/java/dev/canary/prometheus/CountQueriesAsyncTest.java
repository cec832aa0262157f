package dev.canary.prometheus;

import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import java.time.Duration;

/**
 * Every case of {@link CountQueriesTest} again, asked through {@link PrometheusMetricsProvider#countsAsync} (OkHttp
 * asynchronous calls, never the runner's blocking executor): the same queries and counts.
 */
class CountQueriesAsyncTest extends CountQueriesTest {
    @Override
    MetricResult count(PrometheusMetricsProvider provider, MetricQuery query, Duration window) {
        return AsyncQueries.count(provider, query, window);
    }
}
