package dev.canary.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.RequestCounts;
import dev.canary.spi.MetricQuery;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The counts behind a check, read with one query per check and subject, through the blocking {@code counts}. */
class CountQueriesTest {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String CANARY = PrometheusMetricsProviderTest.CANARY;
    static final Duration M = Duration.ofMinutes(1);
    static final String REQUESTS = TraefikQueries.requests(CANARY, M);
    static final String FAILURES = TraefikQueries.failures(CANARY, M);
    static final String BUCKETS = TraefikQueries.buckets(CANARY, M);

    final WireMockPrometheus prometheus = new WireMockPrometheus(WM);

    @AfterEach
    void close() {
        prometheus.closeAll();
    }

    /** The counts behind a check, as the subclass asks for them (here: the blocking {@code counts}). */
    MetricResult count(PrometheusMetricsProvider provider, MetricQuery query, Duration window) {
        return provider.counts(query, window);
    }

    MetricResult count(MetricCheck check) {
        return count(prometheus.provider(), MetricQuery.canary(PrometheusMetricsProviderTest.SEED, check), M);
    }

    static RequestCounts counts(MetricResult result) {
        assertThat(result).isInstanceOf(MetricResult.Counts.class);
        return ((MetricResult.Counts) result).counts();
    }

    /** The PromQL of every query the server received, in order. */
    static List<String> sent() {
        return WM.findAll(postRequestedFor(urlPathEqualTo(WireMockPrometheus.QUERY_PATH))).stream()
                .flatMap(r -> Arrays.stream(r.getBodyAsString().split("&")))
                .filter(p -> p.startsWith("query="))
                .map(p -> URLDecoder.decode(p.substring(6), StandardCharsets.UTF_8)).toList();
    }

    @Nested
    class Builtin {
        @Test
        void readsRequestsFailuresAndBucketsWithOneQuery() {
            String combined = CombinedCounts.query(List.of(REQUESTS, FAILURES, BUCKETS));
            prometheus.answer(combined, Envelopes.counts("1000", "20", "0.1=900", "0.3=980", "+Inf=1000"));
            MetricResult result = count(PrometheusMetricsProviderTest.DURATION);
            assertThat(counts(result)).isEqualTo(new RequestCounts(1000, 20,
                    List.of(new RequestCounts.Bucket(0.1, 900), new RequestCounts.Bucket(0.3, 980))));
            assertThat(result.source()).isEqualTo(combined);
            assertThat(sent()).containsExactly(combined);
        }

        @Test
        void theSuccessRateReadsNoBuckets() {
            String combined = CombinedCounts.query(List.of(REQUESTS, FAILURES));
            prometheus.answer(combined, Envelopes.counts("500", null));
            assertThat(counts(count(PrometheusMetricsProviderTest.SUCCESS))).isEqualTo(RequestCounts.of(500, 0));
            assertThat(sent()).containsExactly(combined).doesNotContain("canary_count\", \"buckets");
        }

        @Test
        void anEmptyAnswerIsNoRequestsNeverNoData() {
            prometheus.answer(CombinedCounts.query(List.of(REQUESTS, FAILURES, BUCKETS)), Envelopes.vector());
            assertThat(counts(count(PrometheusMetricsProviderTest.DURATION))).isEqualTo(RequestCounts.NONE);
        }

        @Test
        void capsFailuresAndBucketsAtTheRequestsAndDropsBucketsWithoutACount() {
            prometheus.answer(CombinedCounts.query(List.of(REQUESTS, FAILURES, BUCKETS)),
                    Envelopes.counts("20", "30", "0.1=-2", "0.3=NaN", "1.2=25", "0=3"));
            assertThat(counts(count(PrometheusMetricsProviderTest.DURATION))).isEqualTo(new RequestCounts(20, 20,
                    List.of(new RequestCounts.Bucket(0.1, 0), new RequestCounts.Bucket(1.2, 20))));
        }

        @Test
        void nonFiniteCountsAreNoDataNeverZeroFailures() {
            String combined = CombinedCounts.query(List.of(REQUESTS, FAILURES));
            String[][] cases = {{"400", "NaN"}, {"400", "+Inf"}, {"400", "-Inf"}, {"+Inf", "8"}, {"NaN", "8"},
                    {"NaN", null}};
            for (String[] answers : cases) {
                prometheus.answer(combined, Envelopes.counts(answers[0], answers[1]));
                assertThat(count(PrometheusMetricsProviderTest.SUCCESS))
                        .as("requests %s, failures %s", answers[0], answers[1])
                        .isInstanceOfSatisfying(MetricResult.NoData.class, d -> {
                            assertThat(d.reason()).contains("not a count");
                            assertThat(d.source()).isEqualTo(combined);
                        });
            }
        }

        @Test
        void aWindowOfNothingAsksNothing() {
            assertThat(count(prometheus.provider(), MetricQuery.canary(PrometheusMetricsProviderTest.SEED,
                    PrometheusMetricsProviderTest.SUCCESS), Duration.ZERO))
                    .isEqualTo(new MetricResult.Counts(RequestCounts.NONE,
                            CombinedCounts.query(List.of(TraefikQueries.requests(CANARY, Duration.ofSeconds(1)),
                                    TraefikQueries.failures(CANARY, Duration.ofSeconds(1))))));
            assertThat(sent()).isEmpty();
        }

        @Test
        void aSeriesOfNoPartIsAFailureNamingIt() {
            prometheus.answer(CombinedCounts.query(List.of(REQUESTS, FAILURES)), Envelopes.vector("7"));
            assertThat(count(PrometheusMetricsProviderTest.SUCCESS)).isInstanceOfSatisfying(MetricResult.Failed.class,
                    f -> assertThat(f.message()).contains("counting requests failed",
                            "a series without a canary_count label of this query: {}"));
        }

        @Test
        void anUnavailableServerIsAFailureWithoutFallingBackToMoreQueries() {
            String combined = CombinedCounts.query(List.of(REQUESTS, FAILURES));
            prometheus.answer(combined, aResponse().withStatus(503).withBody("overloaded"));
            assertThat(count(PrometheusMetricsProviderTest.SUCCESS)).isInstanceOfSatisfying(MetricResult.Failed.class,
                    f -> {
                        assertThat(f.message()).contains("counting requests failed", "unavailable", "HTTP 503");
                        assertThat(f.source()).isEqualTo(combined);
                    });
            assertThat(sent()).as("retried, never split").hasSize(PrometheusMetricsProvider.DEFAULT_MAX_ATTEMPTS)
                    .containsOnly(combined);
        }
    }

    @Nested
    class Templates {
        static final String CANARY_APP = "app=\"podinfo\"";
        final MetricTemplate counted = MetricTemplate.prometheus("demo-canary", "error-rate",
                "sum(rate(http_requests_total{code=~\"5..\"}[{{ interval }}]))").withCounts(new MetricTemplate.Counts(
                        "sum(increase(http_requests_total{app=\"{{ target }}\"}[{{ window }}]))",
                        "sum(increase(http_requests_total{app=\"{{ target }}\",code=~\"5..\"}[{{ window }}]))",
                        "sum by (le) (increase(http_duration_seconds_bucket{app=\"{{ target }}\"}[{{ window }}]))"));
        final MetricCheck check = MetricCheck.builder("errors").templateRef(ObjectRef.of("error-rate")).build();

        static List<String> rendered(String app, String window) {
            return List.of("sum(increase(http_requests_total{" + app + "}[" + window + "]))",
                    "sum(increase(http_requests_total{" + app + ",code=~\"5..\"}[" + window + "]))",
                    "sum by (le) (increase(http_duration_seconds_bucket{" + app + "}[" + window + "]))");
        }

        PrometheusMetricsProvider provider(MetricTemplate template) {
            return prometheus.track(prometheus.builder().template(template).build());
        }

        @Test
        void countsFromATemplatesCountQueriesRenderedWithTheWindowAndThePrimarysName() {
            String canary = CombinedCounts.query(rendered(CANARY_APP, "2m10s"));
            prometheus.answer(canary, Envelopes.counts("400", "8", "0.25=390", "+Inf=400"));
            String primary = CombinedCounts.query(rendered("app=\"podinfo-primary\"", "2m10s"));
            prometheus.answer(primary, Envelopes.counts("4000", null, "0.25=4000"));
            PrometheusMetricsProvider provider = provider(counted);
            Duration window = Duration.ofMillis(129_500);
            MetricQuery query = MetricQuery.canary(PrometheusMetricsProviderTest.SEED, check);
            MetricResult result = count(provider, query, window);
            assertThat(counts(result)).isEqualTo(new RequestCounts(400, 8,
                    List.of(new RequestCounts.Bucket(0.25, 390))));
            assertThat(result.source()).isEqualTo(canary).contains("[2m10s]");
            assertThat(counts(count(provider, new MetricQuery(PrometheusMetricsProviderTest.SEED, check,
                    MetricQuery.Subject.PRIMARY), window)))
                    .isEqualTo(new RequestCounts(4000, 0, List.of(new RequestCounts.Bucket(0.25, 4000))));
            assertThat(sent()).containsExactly(canary, primary);
        }

        @Test
        void aTemplateWithoutCountQueriesHasNoCountsAndSaysHowToNameThem() {
            PrometheusMetricsProvider provider = provider(MetricTemplate.prometheus("demo-canary", "error-rate",
                    "sum(up)"));
            assertThat(count(provider, MetricQuery.canary(PrometheusMetricsProviderTest.SEED, check), M))
                    .isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                            .contains("metric template demo-canary/error-rate", "names no count queries",
                                    "sequential.canary.dev/requests"));
            assertThat(sent()).isEmpty();
        }

        @Test
        void countQueriesThatAreScalarsAreSentOneByOneWhenPrometheusRejectsTheirSum() {
            MetricTemplate scalars = counted.withCounts(new MetricTemplate.Counts(
                    "scalar(sum(increase(http_requests_total[{{ window }}])))",
                    "scalar(sum(increase(http_requests_total{code=~\"5..\"}[{{ window }}])))", null));
            String requests = "scalar(sum(increase(http_requests_total[1m])))";
            String failures = "scalar(sum(increase(http_requests_total{code=~\"5..\"}[1m])))";
            String combined = CombinedCounts.query(List.of(requests, failures));
            prometheus.answer(combined, aResponse().withStatus(400).withBody(Envelopes.error("bad_data",
                    "invalid parameter 'query': 1:19: parse error: expected type instant vector in aggregation "
                            + "expression, got scalar")));
            prometheus.answer(requests, Envelopes.scalar("300"));
            prometheus.answer(failures, Envelopes.scalar("3"));
            MetricResult result = count(provider(scalars), MetricQuery.canary(PrometheusMetricsProviderTest.SEED,
                    check), M);
            assertThat(counts(result)).isEqualTo(RequestCounts.of(300, 3));
            assertThat(result.source()).isEqualTo(requests + "; " + failures);
            assertThat(sent()).first().isEqualTo(combined);
            assertThat(sent()).hasSize(3).containsOnlyOnce(requests, failures);
        }

        @Test
        void aCountQueryPrometheusRejectsFailsQuotingPrometheusAndThatQuery() {
            List<String> queries = rendered(CANARY_APP, "1m");
            String combined = CombinedCounts.query(queries);
            prometheus.answer(combined, aResponse().withStatus(422).withBody(Envelopes.error("execution",
                    "many-to-many matching not allowed")));
            prometheus.answer(queries.get(0), Envelopes.vector("400"));
            prometheus.answer(queries.get(1), aResponse().withStatus(422).withBody(Envelopes.error("execution",
                    "many-to-many matching not allowed")));
            prometheus.answer(queries.get(2), Envelopes.labelledVector("390", "le=0.25"));
            MetricCheck latency = MetricCheck.builder("errors").templateRef(ObjectRef.of("error-rate"))
                    .sequential(dev.canary.spec.SequentialSpec.builder().latencyBound(Duration.ofMillis(250)).build())
                    .build();
            assertThat(count(provider(counted), MetricQuery.canary(PrometheusMetricsProviderTest.SEED, latency), M))
                    .isInstanceOfSatisfying(MetricResult.Failed.class, f -> {
                        assertThat(f.message()).contains("counting requests failed",
                                "rejected the query (HTTP 422, execution)", "many-to-many",
                                "query: " + queries.get(1));
                        assertThat(f.source()).isEqualTo(String.join("; ", queries));
                    });
        }

        @Test
        void nonFiniteCountsOfASeparateReadAreNoDataToo() {
            MetricTemplate scalars = counted.withCounts(new MetricTemplate.Counts("scalar(a)", "scalar(b)", null));
            prometheus.answer(CombinedCounts.query(List.of("scalar(a)", "scalar(b)")), aResponse().withStatus(400)
                    .withBody(Envelopes.error("bad_data", "expected type instant vector")));
            prometheus.answer("scalar(a)", Envelopes.scalar("300"));
            prometheus.answer("scalar(b)", Envelopes.scalar("NaN"));
            assertThat(count(provider(scalars), MetricQuery.canary(PrometheusMetricsProviderTest.SEED, check), M))
                    .isInstanceOfSatisfying(MetricResult.NoData.class,
                            d -> assertThat(d.reason()).contains("answered NaN (not a count)"));
        }

        @Test
        void theTemplateVariablesAndTheWindowAreRenderedIntoEveryPart() {
            MetricTemplate withVariables = counted.withCounts(new MetricTemplate.Counts(
                    "sum(increase(r{app=\"{{ target }}\",zone=\"{{ variables.zone }}\"}[{{ window }}]))",
                    "sum(increase(f{app=\"{{ target }}\",zone=\"{{ variables.zone }}\"}[{{ window }}]))", null));
            MetricCheck zoned = MetricCheck.builder("errors").templateRef(ObjectRef.of("error-rate"))
                    .templateVariables(Map.of("zone", "eu")).build();
            String combined = CombinedCounts.query(List.of("sum(increase(r{app=\"podinfo\",zone=\"eu\"}[1m]))",
                    "sum(increase(f{app=\"podinfo\",zone=\"eu\"}[1m]))"));
            prometheus.answer(combined, Envelopes.counts("10", "1"));
            assertThat(counts(count(provider(withVariables), MetricQuery.canary(PrometheusMetricsProviderTest.SEED,
                    zoned), M))).isEqualTo(RequestCounts.of(10, 1));
        }
    }
}
