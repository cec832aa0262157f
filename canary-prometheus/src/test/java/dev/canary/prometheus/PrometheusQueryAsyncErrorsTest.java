package dev.canary.prometheus;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import dev.canary.testkit.ContractSpecs;

/**
 * Every case of {@link PrometheusMetricsProviderErrorsTest} again, asked through
 * {@link PrometheusMetricsProvider#queryAsync} (OkHttp asynchronous calls, the waits between attempts on a timer):
 * the same retries, attempts and messages.
 */
class PrometheusQueryAsyncErrorsTest extends PrometheusMetricsProviderErrorsTest {
    @Override
    MetricResult ask(PrometheusMetricsProvider provider, String query) {
        return AsyncQueries.ask(provider, MetricQuery.canary(ContractSpecs.seed(),
                MetricCheck.builder("c").query(query).build()));
    }
}
