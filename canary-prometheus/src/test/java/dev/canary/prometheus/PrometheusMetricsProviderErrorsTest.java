package dev.canary.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP failures: what is retried, what is not, and how each is reported. */
class PrometheusMetricsProviderErrorsTest {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final WireMockPrometheus prometheus = new WireMockPrometheus(WM);

    @AfterEach
    void close() {
        prometheus.closeAll();
    }

    MetricResult ask(PrometheusMetricsProvider provider, String query) {
        return provider.query(MetricQuery.canary(ContractSpecs.seed(), MetricCheck.builder("c").query(query).build()));
    }

    MetricResult ask(String query) {
        return ask(prometheus.provider(), query);
    }

    static void verifyAttempts(int n) {
        WM.verify(n, postRequestedFor(urlPathEqualTo(WireMockPrometheus.QUERY_PATH)));
    }

    @Nested
    class RejectedQueries {
        @Test
        void badDataIsAFailureQuotingPrometheusAndTheQueryWithoutRetry() {
            prometheus.answer("sum(rate(x[1m])", okJson(Envelopes.error("bad_data",
                    "invalid parameter \"query\": 1:16: parse error: unclosed left parenthesis")).withStatus(400));
            assertThat(ask("sum(rate(x[1m])")).isInstanceOfSatisfying(MetricResult.Failed.class, f -> {
                assertThat(f.message()).isEqualTo("prometheus: Prometheus rejected the query (HTTP 400, bad_data): "
                        + "invalid parameter \"query\": 1:16: parse error: unclosed left parenthesis; "
                        + "query: sum(rate(x[1m])");
                assertThat(f.source()).isEqualTo("sum(rate(x[1m])");
            });
            verifyAttempts(1);
        }

        @Test
        void anExecutionErrorIsNotRetried() {
            prometheus.answer("a / b", okJson(Envelopes.error("execution", "many-to-many matching not allowed"))
                    .withStatus(422));
            assertThat(ask("a / b")).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                    .contains("HTTP 422, execution").contains("many-to-many matching not allowed"));
            verifyAttempts(1);
        }

        @Test
        void unauthorizedIsNotRetriedAndHintsAtTheCredentials() {
            prometheus.answer("up", aResponse().withStatus(401).withBody("Unauthorized"));
            assertThat(ask("up")).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                    .contains("refused the request (check the token or username and password)")
                    .contains("HTTP 401"));
            verifyAttempts(1);
        }
    }

    @Nested
    class LogLines {
        @Test
        void anErrorBodyAndAMultiLineQueryAreLoggedOnOneLine() {
            String forged = "2026-03-01 12:00:00 INFO canary demo/podinfo: promoted";
            String query = "sum(rate(x[1m]))\n/ sum(rate(y[1m]))";
            prometheus.answer(query, okJson(Envelopes.error("bad_data", "refused\\r\\n" + forged)).withStatus(400));

            try (LogCapture log = LogCapture.of(PrometheusMetricsProvider.class.getName())) {
                assertThat(ask(query)).isInstanceOf(MetricResult.Failed.class);

                assertThat(log.linesWith("Prometheus check failed")).singleElement().satisfies(line -> assertThat(line)
                        .contains("refused").contains(forged).contains("sum(rate(x[1m]))\\u000A/ sum(rate(y[1m]))"));
                assertThat(log.lines()).noneMatch(line -> line.startsWith(forged) || line.startsWith("/ sum"));
            }
        }

        @Test
        void warningsAreLoggedOnOneLine() {
            prometheus.answer("up", okJson(Envelopes.withWarnings(Envelopes.vector("1"), "partial\\r\\nINFO forged")));

            try (LogCapture log = LogCapture.of(PrometheusMetricsProvider.class.getName())) {
                ask("up");

                assertThat(log.linesWith("forged")).singleElement().satisfies(line -> assertThat(line)
                        .contains("Prometheus answered with warnings").contains("partial"));
            }
        }
    }

    @Nested
    class TransientFailures {
        @Test
        void a503ThenSuccessIsRetriedToAValue() {
            WM.stubFor(post(urlPathEqualTo("/api/v1/query")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson(Envelopes.error("unavailable", "TSDB not ready")).withStatus(503))
                    .willSetStateTo("ready"));
            WM.stubFor(post(urlPathEqualTo("/api/v1/query")).inScenario("flaky").whenScenarioStateIs("ready")
                    .willReturn(okJson(Envelopes.vector("42"))));
            assertThat(ask("up")).isInstanceOfSatisfying(MetricResult.Value.class,
                    v -> assertThat(v.value()).isEqualTo(42));
            verifyAttempts(2);
        }

        @Test
        void a5xxThatPersistsFailsAfterTheConfiguredAttempts() {
            prometheus.answer("up", okJson(Envelopes.error("timeout", "query timed out in expression evaluation"))
                    .withStatus(503));
            assertThat(ask("up")).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                    .contains("is unavailable (HTTP 503, timeout): query timed out in expression evaluation")
                    .contains("gave up after 3 attempts"));
            verifyAttempts(PrometheusMetricsProvider.DEFAULT_MAX_ATTEMPTS);
        }

        @Test
        void aProxyErrorPageIsQuoted() {
            prometheus.answer("up", aResponse().withStatus(502).withBody("<html><body>Bad Gateway</body></html>"));
            assertThat(ask("up")).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                    .contains("HTTP 502): <html><body>Bad Gateway</body></html>"));
        }

        @Test
        void aReadTimeoutIsRetriedThenReported() {
            prometheus.answer("up", okJson(Envelopes.vector("1")).withFixedDelay(3_000));
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder()
                    .readTimeout(Duration.ofMillis(200)).maxAttempts(2).build());
            assertThat(ask(provider, "up")).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(
                    f.message()).contains("did not answer within 200ms (read timeout) (gave up after 2 attempts)"));
            verifyAttempts(2);
        }

        @Test
        void aDribbledBodyEndsAtTheCallDeadlineWhateverTheReadTimeout() {
            // each chunk arrives well within the read timeout; the whole body would take 8 s
            prometheus.answer("up", okJson(Envelopes.vector("1")).withChunkedDribbleDelay(40, 8_000));
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder()
                    .readTimeout(Duration.ofSeconds(1)).callTimeout(Duration.ofMillis(600)).maxAttempts(1).build());
            assertThat(ask(provider, "up")).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(
                    f.message()).contains("did not complete the query within 600ms (call timeout)"));
            verifyAttempts(1);
        }

        @Test
        void timeoutsAreBounded() {
            assertThatThrownBy(() -> prometheus.builder().callTimeout(Duration.ofHours(720)).build())
                    .hasMessageContaining("callTimeout must be more than 0 and at most 5m but was PT720H");
            assertThatThrownBy(() -> prometheus.builder().readTimeout(Duration.ofHours(1)).build())
                    .hasMessageContaining("readTimeout must be more than 0 and at most 5m");
        }

        @Test
        void aResetConnectionIsRetried() {
            prometheus.answer("up", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
            assertThat(ask("up")).isInstanceOf(MetricResult.Failed.class);
            verifyAttempts(3);
        }

        @Test
        void aRefusedConnectionIsAFailureNotAnException() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder()
                    .address("http://127.0.0.1:" + port).build());
            assertThat(ask(provider, "up")).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(
                    f.message()).contains("Prometheus at http://127.0.0.1:" + port + "/ is unreachable")
                    .contains("gave up after 3 attempts"));
        }
    }

    @Nested
    class BrokenResponses {
        @Test
        void malformedJsonIsAFailureAndNotRetried() {
            prometheus.answer("up", aResponse().withStatus(200).withBody("{\"status\":\"success\",\"data\":"));
            assertThat(ask("up")).isInstanceOfSatisfying(MetricResult.Failed.class,
                    f -> assertThat(f.message()).contains("not valid JSON").contains("query: up"));
            verifyAttempts(1);
        }

        @Test
        void aResponseAboveTheLimitIsRefusedUnread() {
            prometheus.answer("up", aResponse().withStatus(200).withBody("x".repeat(100_000)));
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder()
                    .maxResponseBytes(64 * 1024).build());
            assertThat(ask(provider, "up")).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(
                    f.message()).contains("larger than the limit of 65536 bytes (maxResponseBytes)"));
            verifyAttempts(1);
        }

        @Test
        void aChunkedResponseAboveTheLimitIsRefusedToo() {
            prometheus.answer("up", aResponse().withStatus(200).withBody("x".repeat(100_000))
                    .withChunkedDribbleDelay(4, 1));
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder()
                    .maxResponseBytes(64 * 1024).build());
            assertThat(ask(provider, "up")).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(
                    f.message()).contains("larger than the limit"));
        }
    }

    @Nested
    class DirectQueries {
        @Test
        void anInstantQueryThrowsThePrometheusError() {
            prometheus.answer("up(", okJson(Envelopes.error("bad_data", "parse error")).withStatus(400));
            assertThatThrownBy(() -> prometheus.provider().queryInstant("up(", Instant.EPOCH))
                    .isInstanceOfSatisfying(PrometheusException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.errorType()).isEqualTo("bad_data");
                        assertThat(e.query()).isEqualTo("up(");
                    });
        }

        @Test
        void aRangeQueryReturnsTheTypedMatrix() {
            WM.stubFor(post(urlPathEqualTo("/api/v1/query_range")).withFormParam("query", equalTo("up"))
                    .withFormParam("start", equalTo("1700000000.000")).withFormParam("end", equalTo("1700000060.500"))
                    .withFormParam("step", equalTo("10s"))
                    .willReturn(okJson(Envelopes.matrix("job=x", "1", "0", "1"))));
            QueryResult.Matrix matrix = prometheus.provider().queryRange("up", Instant.ofEpochSecond(1_700_000_000L),
                    Instant.ofEpochMilli(1_700_000_060_500L), Duration.ofSeconds(10));
            assertThat(matrix.series()).singleElement().satisfies(s -> {
                assertThat(s.labels()).containsEntry("job", "x");
                assertThat(s.samples()).extracting(QueryResult.Sample::value).containsExactly(1.0, 0.0, 1.0);
            });
        }

        @Test
        void aRangeQueryChecksItsArgumentsBeforeSending() {
            PrometheusMetricsProvider provider = prometheus.provider();
            Instant t = Instant.ofEpochSecond(1_700_000_000L);
            assertThatThrownBy(() -> provider.queryRange("up", t, t.minusSeconds(1), Duration.ofSeconds(1)))
                    .hasMessageContaining("must not be before start");
            assertThatThrownBy(() -> provider.queryRange("up", t, t, Duration.ZERO))
                    .hasMessageContaining("step must be positive");
            assertThatThrownBy(() -> provider.queryRange("up", t, t.plusSeconds(20_000), Duration.ofSeconds(1)))
                    .hasMessageContaining("20000 points per series but Prometheus allows 11000");
            verifyAttempts(0);
        }

        @Test
        void aRangeQueryThatDoesNotReturnAMatrixIsAnError() {
            WM.stubFor(post(urlPathEqualTo("/api/v1/query_range")).willReturn(okJson(Envelopes.vector("1"))));
            assertThatThrownBy(() -> prometheus.provider().queryRange("up", Instant.EPOCH, Instant.EPOCH,
                    Duration.ofSeconds(1))).hasMessageContaining("instead of a matrix");
        }

        @Test
        void aPathPrefixInTheAddressIsKept() {
            WM.stubFor(post(urlPathEqualTo("/prometheus/api/v1/query")).willReturn(okJson(Envelopes.scalar("5"))));
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder()
                    .address(WM.baseUrl() + "/prometheus").build());
            assertThat(provider.queryInstant("5", Instant.EPOCH)).isInstanceOf(QueryResult.Scalar.class);
        }

        @Test
        void aZeroQueryTimeoutSendsNoTimeoutParameter() {
            prometheus.answer("up", Envelopes.vector("1"));
            PrometheusMetricsProvider provider = prometheus.track(
                    prometheus.builder().queryTimeout(Duration.ZERO).build());
            provider.queryInstant("up", Instant.EPOCH);
            WM.verify(postRequestedFor(urlPathEqualTo("/api/v1/query"))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("timeout=")));
        }
    }
}
