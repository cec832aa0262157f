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
    @org.junit.jupiter.api.Test
    void queriesBeyondFourPerConnectionWaitingAreRefusedAtOnceInsteadOfPilingUp() {
        // a server of its own: the query left waiting on it must not reach the shared server's request journal
        // after this test, where the next test counts attempts
        com.github.tomakehurst.wiremock.WireMockServer slow = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort());
        slow.start();
        try {
            slow.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(WireMockPrometheus.QUERY_PATH))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(Envelopes.vector("1"))
                            .withFixedDelay(5_000)));
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().address(slow.baseUrl())
                    .maxConcurrentQueries(1).build());
            MetricQuery query = MetricQuery.canary(ContractSpecs.seed(), MetricCheck.builder("c").query("up").build());
            java.util.List<java.util.concurrent.CompletableFuture<MetricResult>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(provider.queryAsync(query, Runnable::run).toCompletableFuture());
            }

            // one in flight, four waiting: the sixth is answered at once
            org.assertj.core.api.Assertions.assertThat(answers.subList(0, 5)).noneMatch(
                    java.util.concurrent.CompletableFuture::isDone);
            org.assertj.core.api.Assertions.assertThat(answers.get(5)).isCompletedWithValueMatching(
                    r -> r instanceof MetricResult.Failed f && f.message().contains("has 4 queries waiting for one of "
                            + "1 connections (maxConcurrentQueries)"));
        } finally {
            prometheus.closeAll();
            slow.stop();
        }
    }

    @Override
    MetricResult ask(PrometheusMetricsProvider provider, String query) {
        return AsyncQueries.ask(provider, MetricQuery.canary(ContractSpecs.seed(),
                MetricCheck.builder("c").query(query).build()));
    }
}
