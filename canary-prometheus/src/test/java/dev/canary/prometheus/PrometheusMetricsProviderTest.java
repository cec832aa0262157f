package dev.canary.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.manifest.CanaryManifest;
import dev.canary.manifest.CanaryManifests;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricQuery.Subject;
import dev.canary.testkit.ContractSpecs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrometheusMetricsProviderTest {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final CanarySpec SEED = ContractSpecs.seed();
    static final String CANARY = "demo-canary-podinfo-canary-80@kubernetescrd";
    static final String PRIMARY = "demo-canary-podinfo-primary-80@kubernetescrd";
    static final MetricCheck SUCCESS = MetricCheck.successRate(99);
    static final MetricCheck DURATION = MetricCheck.p99LatencyMillis(500);

    final WireMockPrometheus prometheus = new WireMockPrometheus(WM);

    @AfterEach
    void close() {
        prometheus.closeAll();
    }

    static MetricCheck inline(String query) {
        return MetricCheck.builder("custom").query(query).build();
    }

    MetricResult ask(MetricCheck check) {
        return prometheus.provider().query(MetricQuery.canary(SEED, check));
    }

    @Nested
    class BuiltinChecks {
        @Test
        void successRateSendsFlaggersQueryAndReportsTheRequestCountAsSamples() {
            prometheus.answer(TraefikQueries.successRate(CANARY, Duration.ofMinutes(1)), Envelopes.vector("99.5"));
            prometheus.answer(TraefikQueries.requestCount(CANARY, Duration.ofMinutes(1)), Envelopes.vector("1234.4"));

            MetricResult result = ask(SUCCESS);

            assertThat(result).isEqualTo(new MetricResult.Value(99.5, 1234,
                    TraefikQueries.successRate(CANARY, Duration.ofMinutes(1))));
            WM.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/query"))
                    .withFormParam("time", equalTo("1700000000.000"))
                    .withFormParam("timeout", equalTo("5s")));
        }

        @Test
        void durationIsTheP99InMilliseconds() {
            prometheus.answer(TraefikQueries.p99Millis(CANARY, Duration.ofMinutes(1)), Envelopes.vector("87.5"));
            prometheus.answer(TraefikQueries.requestCount(CANARY, Duration.ofMinutes(1)), Envelopes.vector("10"));
            assertThat(ask(DURATION)).isInstanceOfSatisfying(MetricResult.Value.class, v -> {
                assertThat(v.value()).isEqualTo(87.5);
                assertThat(v.samples()).isEqualTo(10);
            });
        }

        @Test
        void thePrimaryIsMeasuredOnThePrimaryService() {
            prometheus.answer(TraefikQueries.successRate(PRIMARY, Duration.ofMinutes(1)), Envelopes.vector("100"));
            prometheus.answer(TraefikQueries.requestCount(PRIMARY, Duration.ofMinutes(1)), Envelopes.vector("900"));
            MetricResult result = prometheus.provider().query(new MetricQuery(SEED, SUCCESS, Subject.PRIMARY));
            assertThat(result).isInstanceOfSatisfying(MetricResult.Value.class,
                    v -> assertThat(v.samples()).isEqualTo(900));
        }

        @Test
        void theFileNamingSelectsTheFileProvidersService() {
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder()
                    .traefikNaming(TraefikServiceNaming.FILE).build());
            assertThat(provider.queriesFor(MetricQuery.canary(SEED, SUCCESS)).get(0))
                    .contains("{service=\"podinfo-canary@file\",");
        }

        @Test
        void noTrafficIsNoDataWithZeroSamples() {
            prometheus.answer(TraefikQueries.successRate(CANARY, Duration.ofMinutes(1)), Envelopes.vector());
            prometheus.answer(TraefikQueries.requestCount(CANARY, Duration.ofMinutes(1)), Envelopes.vector());
            assertThat(ask(SUCCESS)).isInstanceOfSatisfying(MetricResult.NoData.class,
                    n -> assertThat(n.reason()).contains("no series"));
        }

        @Test
        void nanIsAValueOfNaNForTheEngineToJudge() {
            prometheus.answer(TraefikQueries.successRate(CANARY, Duration.ofMinutes(1)), Envelopes.vector("NaN"));
            prometheus.answer(TraefikQueries.requestCount(CANARY, Duration.ofMinutes(1)), Envelopes.vector("0"));
            assertThat(ask(SUCCESS)).isInstanceOfSatisfying(MetricResult.Value.class, v -> {
                assertThat(v.value()).isNaN();
                assertThat(v.samples()).isZero();
            });
        }

        @Test
        void aFailedRequestCountFailsTheCheck() {
            prometheus.answer(TraefikQueries.successRate(CANARY, Duration.ofMinutes(1)), Envelopes.vector("99"));
            prometheus.answer(TraefikQueries.requestCount(CANARY, Duration.ofMinutes(1)),
                    okJson(Envelopes.error("execution", "boom")).withStatus(422));
            assertThat(ask(SUCCESS)).isInstanceOfSatisfying(MetricResult.Failed.class,
                    f -> assertThat(f.message()).contains("request count query failed").contains("boom"));
        }

        @Test
        void theQueriesSelectTheServiceByItsOwnNameAndPortNotTheTargetName() {
            CanarySpec frontend = SEED.toBuilder().service(dev.canary.spec.ServiceSpec.of("frontend", 9898)).build();
            List<String> queries = prometheus.provider().queriesFor(MetricQuery.canary(frontend, SUCCESS));
            assertThat(queries).isNotEmpty().allSatisfy(q -> assertThat(q)
                    .contains("service=\"demo-canary-frontend-canary-9898@kubernetescrd\"").doesNotContain("podinfo"));
        }

        @Test
        void theSeedManifestIssuesTheseQueries() {
            PrometheusMetricsProvider provider = prometheus.provider();
            assertThat(provider.queriesFor(MetricQuery.canary(SEED, SUCCESS))).containsExactly(
                    "sum(rate(traefik_service_request_duration_seconds_bucket{service=\"" + CANARY + "\",code!~\"5..\","
                            + "le=\"+Inf\"}[1m])) / sum(rate(traefik_service_request_duration_seconds_bucket{"
                            + "service=\"" + CANARY + "\",le=\"+Inf\"}[1m])) * 100",
                    "sum(increase(traefik_service_request_duration_seconds_bucket{service=\"" + CANARY
                            + "\",le=\"+Inf\"}[1m]))");
            assertThat(provider.queriesFor(MetricQuery.canary(SEED, DURATION))).containsExactly(
                    "histogram_quantile(0.99, sum(rate(traefik_service_request_duration_seconds_bucket{service=\""
                            + CANARY + "\"}[1m])) by (le)) * 1000",
                    "sum(increase(traefik_service_request_duration_seconds_bucket{service=\"" + CANARY
                            + "\",le=\"+Inf\"}[1m]))");
        }
    }

    @Nested
    class ResultShapes {
        @Test
        void aScalarIsAValueWithUnknownSamples() {
            prometheus.answer("scalar(up)", Envelopes.scalar("1"));
            assertThat(ask(inline("scalar(up)"))).isEqualTo(new MetricResult.Value(1, -1, "scalar(up)"));
        }

        @Test
        void anEmptyResultOfAnInlineQueryIsNoDataAndNaNIsAValueForTheEngineToJudge() {
            prometheus.answer("empty", Envelopes.vector());
            prometheus.answer("nan", Envelopes.vector("NaN"));
            assertThat(ask(inline("empty"))).isInstanceOf(MetricResult.NoData.class);
            assertThat(ask(inline("nan"))).isInstanceOfSatisfying(MetricResult.Value.class,
                    v -> assertThat(v.value()).isNaN());
        }

        @Test
        void infinitiesAreValues() {
            prometheus.answer("a", Envelopes.vector("+Inf"));
            prometheus.answer("b", Envelopes.vector("-Inf"));
            assertThat(ask(inline("a"))).isInstanceOfSatisfying(MetricResult.Value.class,
                    v -> assertThat(v.value()).isEqualTo(Double.POSITIVE_INFINITY));
            assertThat(ask(inline("b"))).isInstanceOfSatisfying(MetricResult.Value.class,
                    v -> assertThat(v.value()).isEqualTo(Double.NEGATIVE_INFINITY));
        }

        @Test
        void severalSeriesAreAFailureNamingThem() {
            prometheus.answer("x", Envelopes.labelledVector("1", "code=200,service=a", "code=500,service=a"));
            assertThat(ask(inline("x"))).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                    .contains("returned 2 series where one value was expected")
                    .contains("{code=\"200\",service=\"a\"}, {code=\"500\",service=\"a\"}")
                    .contains("query: x"));
        }

        @Test
        void aHugeResultNamesTheFirstSeriesAndCountsTheRest() {
            String[] labels = new String[10_000];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = "pod=p" + i;
            }
            prometheus.answer("x", Envelopes.labelledVector("1", labels));
            assertThat(ask(inline("x"))).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                    .contains("returned 10000 series").contains("{pod=\"p4\"}").doesNotContain("{pod=\"p5\"}")
                    .contains("and 9995 more"));
        }

        @Test
        void aRangeVectorIsAFailureWithAHint() {
            prometheus.answer("x[1m]", Envelopes.matrix("a=b", "1", "2"));
            assertThat(ask(inline("x[1m]"))).isInstanceOfSatisfying(MetricResult.Failed.class,
                    f -> assertThat(f.message()).contains("range vector (matrix)"));
        }

        @Test
        void aStringIsAFailure() {
            prometheus.answer("\"s\"", Envelopes.text("s"));
            assertThat(ask(inline("\"s\""))).isInstanceOf(MetricResult.Failed.class);
        }

        @Test
        void warningsAreShownWithTheEvidence() {
            prometheus.answer("x", Envelopes.withWarnings(Envelopes.vector("3"), "results truncated"));
            assertThat(ask(inline("x"))).isInstanceOfSatisfying(MetricResult.Value.class, v -> {
                assertThat(v.value()).isEqualTo(3);
                assertThat(v.source()).isEqualTo("x [Prometheus warnings: results truncated]");
            });
        }
    }

    @Nested
    class Templates {
        final MetricTemplate errors = MetricTemplate.prometheus("demo-canary", "error-rate",
                "sum(rate(http_requests_total{namespace=\"{{ namespace }}\",code=~\"{{ variables.codes }}\"}"
                        + "[{{ interval }}]))");

        MetricCheck check(String name, Map<String, String> variables) {
            return MetricCheck.builder("errors").templateRef(ObjectRef.of(name)).templateVariables(variables).build();
        }

        @Test
        void rendersTheTemplateInTheCanaryNamespace() {
            String rendered = "sum(rate(http_requests_total{namespace=\"demo-canary\",code=~\"5..\"}[1m]))";
            prometheus.answer(rendered, Envelopes.vector("0.5"));
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().template(errors).build());
            assertThat(provider.query(MetricQuery.canary(SEED, check("error-rate", Map.of("codes", "5..")))))
                    .isEqualTo(new MetricResult.Value(0.5, -1, rendered));
        }

        @Test
        void anInjectionAttemptInAVariableStaysInsideItsString() {
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().template(errors).build());
            List<String> queries = provider.queriesFor(MetricQuery.canary(SEED,
                    check("error-rate", Map.of("codes", "5..\"}[1m])) or vector(100) #"))));
            assertThat(queries).containsExactly("sum(rate(http_requests_total{namespace=\"demo-canary\","
                    + "code=~\"5..\\\"}[1m])) or vector(100) #\"}[1m]))");
        }

        @Test
        void aMissingVariableFailsNamingItWithoutAskingPrometheus() {
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().template(errors).build());
            assertThat(provider.query(MetricQuery.canary(SEED, check("error-rate", Map.of()))))
                    .isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                            .contains("check 'errors'").contains("template variable 'codes' is not set"));
            WM.verify(0, anyRequestedFor(urlPathEqualTo("/api/v1/query")));
        }

        @Test
        void anUnknownTemplateFailsNamingItAndTheRegisteredOnes() {
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().template(errors).build());
            assertThat(provider.query(MetricQuery.canary(SEED, check("latency", Map.of()))))
                    .isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                            .contains("metric template demo-canary/latency is not registered")
                            .contains("[demo-canary/error-rate]"));
        }

        @Test
        void aTemplateWithItsOwnAddressIsSentThereWithItsHeaders() {
            MetricTemplate thanos = MetricTemplate.prometheus("monitoring", "up", "sum(up)")
                    .withAddress(WM.baseUrl() + "/thanos/", Map.of("X-Scope-OrgID", "team-a"));
            WM.stubFor(post(urlPathEqualTo("/thanos/api/v1/query")).withHeader("X-Scope-OrgID", equalTo("team-a"))
                    .willReturn(okJson(Envelopes.vector("7"))));
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().template(thanos).build());
            MetricCheck check = MetricCheck.builder("up").templateRef(new ObjectRef("up", "monitoring")).build();
            assertThat(provider.query(MetricQuery.canary(SEED, check))).isInstanceOfSatisfying(
                    MetricResult.Value.class, v -> assertThat(v.value()).isEqualTo(7));
        }

        @Test
        void aTemplateWithSeveralValuesOfAHeaderSendsThemJoined() {
            MetricTemplate thanos = new MetricTemplate("up", "monitoring", new MetricTemplate.Provider("prometheus",
                    WM.baseUrl() + "/thanos/", Map.of("X-Tenant", List.of("a", "b")), null, false), "sum(up)");
            WM.stubFor(post(urlPathEqualTo("/thanos/api/v1/query")).withHeader("X-Tenant", equalTo("a,b"))
                    .willReturn(okJson(Envelopes.vector("3"))));
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().template(thanos).build());
            MetricCheck check = MetricCheck.builder("up").templateRef(new ObjectRef("up", "monitoring")).build();
            assertThat(provider.query(MetricQuery.canary(SEED, check))).isInstanceOfSatisfying(
                    MetricResult.Value.class, v -> assertThat(v.value()).isEqualTo(3));
        }

        @Test
        void templatesOfAManifestAreAnsweredAsTheyAre() {
            CanaryManifest manifest = CanaryManifests.load(TemplateManifest.withTemplate(
                    "sum(rate(errors{namespace=\"{{ namespace }}\"}[{{ interval }}]))")).onlyCanary();
            String rendered = "sum(rate(errors{namespace=\"demo-canary\"}[1m]))";
            prometheus.answer(rendered, Envelopes.vector("2"));
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder()
                    .templates(manifest.metricTemplates()).build());
            MetricCheck check = manifest.spec().analysis().metrics().get(0);
            assertThat(provider.query(MetricQuery.canary(manifest.spec(), check)))
                    .isEqualTo(new MetricResult.Value(2, -1, rendered));
        }

        @Test
        void inlineQueriesAreRenderedTheSameWay() {
            PrometheusMetricsProvider provider = prometheus.provider();
            MetricCheck check = MetricCheck.builder("c").query("up{namespace=\"{{ namespace }}\"}[{{ interval }}]")
                    .interval(Duration.ofSeconds(30)).build();
            assertThat(provider.queriesFor(MetricQuery.canary(SEED, check)))
                    .containsExactly("up{namespace=\"demo-canary\"}[30s]");
        }

        @Test
        void nameTargetAndServiceComeFromTheCanaryItsTargetRefAndItsService() {
            CanarySpec release = ContractSpecs.seed("release", "demo-canary").toBuilder()
                    .targetRef(dev.canary.spec.TargetRef.deployment("podinfo"))
                    .service(dev.canary.spec.ServiceSpec.of("frontend", 9898)).build();
            MetricCheck check = inline("up{canary=\"{{ name }}\",pod=~\"{{ target }}-primary-.*\","
                    + "service=\"{{ service }}\"}");
            assertThat(prometheus.provider().queriesFor(MetricQuery.canary(release, check))).containsExactly(
                    "up{canary=\"release\",pod=~\"podinfo-primary-.*\",service=\"frontend\"}");
        }

        @Test
        void templatesAndInlineQueriesAreNotAnsweredForThePrimary() {
            MetricResult result = prometheus.provider().query(new MetricQuery(SEED, inline("up"), Subject.PRIMARY));
            assertThat(result).isInstanceOfSatisfying(MetricResult.Failed.class,
                    f -> assertThat(f.message()).contains("builtin checks only"));
        }

        @Test
        void aCheckWithoutQueryThatIsNotBuiltinFails() {
            assertThat(ask(MetricCheck.builder("mystery").build())).isInstanceOfSatisfying(MetricResult.Failed.class,
                    f -> assertThat(f.message()).contains("check 'mystery' has no query and no templateRef"));
        }

        @Test
        void queriesForRefusesWhatCannotBeRendered() {
            assertThatThrownBy(() -> prometheus.provider().queriesFor(MetricQuery.canary(SEED,
                    inline("{{ variables.x }}")))).hasMessageContaining("template variable 'x' is not set");
        }
    }

    @Nested
    class Concurrency {
        @Test
        void queryAllAnswersInOrderAndSendsTheQueriesThroughTheInjectedExecutor() {
            prometheus.answer(TraefikQueries.successRate(CANARY, Duration.ofMinutes(1)), Envelopes.vector("99"));
            prometheus.answer(TraefikQueries.p99Millis(CANARY, Duration.ofMinutes(1)), Envelopes.vector("120"));
            prometheus.answer(TraefikQueries.requestCount(CANARY, Duration.ofMinutes(1)), Envelopes.vector("50"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            AtomicInteger submitted = new AtomicInteger();
            try {
                PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().executor(task -> {
                    submitted.incrementAndGet();
                    pool.execute(task);
                }).build());
                List<MetricResult> results = provider.queryAll(List.of(MetricQuery.canary(SEED, SUCCESS),
                        MetricQuery.canary(SEED, DURATION),
                        MetricQuery.canary(SEED, MetricCheck.builder("x").build())));
                assertThat(results).extracting(r -> r instanceof MetricResult.Value v ? v.value() : null)
                        .containsExactly(99.0, 120.0, null);
                // four HTTP queries: the calling thread sends one, the executor the other three
                assertThat(submitted).hasValue(3);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class TickTime {
        ResponseDefinitionBuilder slowly(String value) {
            return okJson(Envelopes.vector(value)).withFixedDelay(100);
        }

        @Test
        void theQueriesOfTwoChecksAreInFlightAtTheSameTime() {
            Duration m = Duration.ofMinutes(1);
            prometheus.answer(TraefikQueries.successRate(CANARY, m), slowly("99"));
            prometheus.answer(TraefikQueries.p99Millis(CANARY, m), slowly("12"));
            prometheus.answer(TraefikQueries.requestCount(CANARY, m), slowly("5"));
            try (MeetingExecutor executor = new MeetingExecutor(2)) {
                PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().executor(executor).build());
                List<MetricResult> results = provider.queryAll(List.of(MetricQuery.canary(SEED, SUCCESS),
                        MetricQuery.canary(SEED, DURATION)));

                assertThat(executor.met()).as("two queries were sent before either was answered").isTrue();
                assertThat(results).extracting(r -> ((MetricResult.Value) r).value()).containsExactly(99.0, 12.0);
            }
        }

        @Test
        void timesATickConcurrentlyAndSequentially() {
            Duration m = Duration.ofMinutes(1);
            prometheus.answer(TraefikQueries.successRate(CANARY, m), slowly("99"));
            prometheus.answer(TraefikQueries.p99Millis(CANARY, m), slowly("12"));
            prometheus.answer(TraefikQueries.requestCount(CANARY, m), slowly("5"));
            PrometheusMetricsProvider sequential = prometheus.track(
                    prometheus.builder().executor(Runnable::run).build());
            TickTiming.Report report = TickTiming.measure(prometheus.provider(), sequential,
                    List.of(MetricQuery.canary(SEED, SUCCESS), MetricQuery.canary(SEED, DURATION)), 5);
            TickTiming.print("WireMock answering each query after 100 ms, 2 builtin checks (4 queries)", report);
            assertThat(report.lastResults()).extracting(r -> ((MetricResult.Value) r).value())
                    .containsExactly(99.0, 12.0);
        }
    }

    @Nested
    class Description {
        @Test
        void toStringShowsTheAddressAndSettingsWithoutCredentials() {
            PrometheusMetricsProvider provider = prometheus.track(prometheus.builder().bearerToken("s3cr3t")
                    .header("X-Scope-OrgID", "tenant-secret").build());
            assertThat(provider.toString()).contains(WM.baseUrl()).contains("auth=bearer").contains("X-Scope-OrgID")
                    .doesNotContain("s3cr3t").doesNotContain("tenant-secret");
        }
    }
}
