package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spi.MetricQuery;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.prometheus.PrometheusServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Against a real Prometheus server scraping a Traefik stand-in that saw real requests: 600 canary requests, every
 * 10th answered 500 (success rate 90%) and every 50th recorded as 0.7 s (p99 750 ms with Traefik's buckets),
 * and 400 primary requests, all fine and 0.05 s (p99 99 ms).
 */
class PrometheusServerIntegrationTest {
    static final CanarySpec SEED = ContractSpecs.seed();
    static final String CANARY = "demo-canary-podinfo-canary-80@kubernetescrd";
    static final String PRIMARY = "demo-canary-podinfo-primary-80@kubernetescrd";
    static final String IDLE = "idle-podinfo-canary-80@kubernetescrd";
    static final int CANARY_REQUESTS = 600;
    static final int PRIMARY_REQUESTS = 400;
    static final MetricCheck SUCCESS = MetricCheck.successRate(99);
    static final MetricCheck DURATION = MetricCheck.p99LatencyMillis(500);
    static final MetricTemplate ERROR_RATE = MetricTemplate.prometheus("demo-canary", "error-rate",
            "sum(rate(traefik_service_requests_total{service=\"{{ namespace }}-{{ service }}-canary-80@kubernetescrd\","
                    + "code=~\"{{ variables.codes }}\"}[{{ interval }}])) / sum(rate(traefik_service_requests_total{"
                    + "service=\"{{ namespace }}-{{ service }}-canary-80@kubernetescrd\"}[{{ interval }}])) * 100");

    /** Counts by {@code {{ target }}}: {@code podinfo} for the canary, {@code podinfo-primary} for the primary. */
    static final String COUNTED_SERVICE = "service=~\"{{ namespace }}-{{ target }}(-canary)?-80@kubernetescrd\"";
    static final MetricTemplate COUNTED = MetricTemplate.prometheus("demo-canary", "error-rate-counted",
            ERROR_RATE.query()).withCounts(new MetricTemplate.Counts(
                    "sum(increase(traefik_service_requests_total{" + COUNTED_SERVICE + "}[{{ window }}]))",
                    "sum(increase(traefik_service_requests_total{" + COUNTED_SERVICE + ",code=~\"5..\"}"
                            + "[{{ window }}]))",
                    "sum by (le) (increase(traefik_service_request_duration_seconds_bucket{" + COUNTED_SERVICE
                            + "}[{{ window }}]))"));

    static FakeTraefik traefik;
    static PrometheusServer server;
    static PrometheusMetricsProvider provider;

    @BeforeAll
    static void startPrometheusAndSendTraffic() throws Exception {
        traefik = new FakeTraefik();
        traefik.service(CANARY, new FakeTraefik.Behaviour(10, 50, 0.05, 0.7));
        traefik.service(PRIMARY, new FakeTraefik.Behaviour(Integer.MAX_VALUE, Integer.MAX_VALUE, 0.05, 0.7));
        traefik.service(IDLE, new FakeTraefik.Behaviour(10, 50, 0.05, 0.7));
        server = PrometheusServer.start(URI.create("http://127.0.0.1:" + traefik.port() + "/metrics"));
        provider = PrometheusMetricsProvider.builder().address(server.uri().toString()).template(ERROR_RATE)
                .template(COUNTED).build();
        // the zeroed series are stored before any traffic, so rate() sees the traffic start
        awaitTotal(CANARY, 0);
        send(CANARY, CANARY_REQUESTS);
        send(PRIMARY, PRIMARY_REQUESTS);
        awaitTotal(CANARY, CANARY_REQUESTS);
        awaitTotal(PRIMARY, PRIMARY_REQUESTS);
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
        if (server != null) {
            server.close();
        }
        if (traefik != null) {
            traefik.close();
        }
    }

    static void send(String service, int requests) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + traefik.port() + "/traffic/"
                + service)).timeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < requests; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }

    static void awaitTotal(String service, double expected) {
        String q = "sum(traefik_service_request_duration_seconds_bucket{service=\"" + service + "\",le=\"+Inf\"})";
        await("Prometheus to scrape " + expected + " requests of " + service).atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> provider.queryInstant(q, Instant.now()) instanceof QueryResult.Vector v
                        && v.samples().size() == 1 && v.samples().get(0).sample().value() == expected);
    }

    static MetricResult.Value value(MetricResult result) {
        assertThat(result).isInstanceOf(MetricResult.Value.class);
        return (MetricResult.Value) result;
    }

    @Nested
    class BuiltinChecks {
        @Test
        void successRateMatchesTheInjectedErrorRate() {
            MetricResult.Value v = value(provider.query(MetricQuery.canary(SEED, SUCCESS)));
            assertThat(v.value()).isCloseTo(90.0, within(1.0));
            System.out.printf("real Prometheus: success rate %.3f with samples %d for %d requests%n", v.value(),
                    v.samples(), CANARY_REQUESTS);
            // increase() extrapolates to the window's edges: at least the real count, a little more at most
            assertThat(v.samples()).isBetween((long) CANARY_REQUESTS, (long) (CANARY_REQUESTS * 1.6));
        }

        @Test
        void durationMatchesTheInjectedLatencyBuckets() {
            MetricResult.Value v = value(provider.query(MetricQuery.canary(SEED, DURATION)));
            // 98% in le=0.1, 2% in (0.3, 1.2]: p99 = 0.3 + 0.5 * 0.9 s
            assertThat(v.value()).isCloseTo(750.0, within(5.0));
        }

        @Test
        void thePrimaryIsMeasuredOnItsOwnService() {
            MetricQuery.Subject primary = MetricQuery.Subject.PRIMARY;
            MetricResult.Value rate = value(provider.query(new MetricQuery(SEED, SUCCESS, primary)));
            MetricResult.Value p99 = value(provider.query(new MetricQuery(SEED, DURATION, primary)));
            assertThat(rate.value()).isCloseTo(100.0, within(1e-9));
            assertThat(rate.samples()).isGreaterThanOrEqualTo(PRIMARY_REQUESTS);
            assertThat(p99.value()).isCloseTo(99.0, within(1.0));
        }

        @Test
        void aServiceWithoutTrafficIsNaNWithZeroSamples() {
            CanarySpec idle = ContractSpecs.seed("podinfo", "idle");
            MetricResult.Value rate = value(provider.query(MetricQuery.canary(idle, SUCCESS)));
            MetricResult.Value p99 = value(provider.query(MetricQuery.canary(idle, DURATION)));
            assertThat(rate.value()).isNaN();
            assertThat(rate.samples()).isZero();
            assertThat(p99.value()).isNaN();
        }

        @Test
        void aServiceTraefikNeverSawIsNoData() {
            assertThat(provider.query(MetricQuery.canary(ContractSpecs.seed("podinfo", "nowhere"), SUCCESS)))
                    .isInstanceOf(MetricResult.NoData.class);
        }
    }

    @Nested
    class Counts {
        final Duration sinceStart = Duration.ofMinutes(10);

        dev.canary.spec.RequestCounts counts(MetricQuery query) {
            MetricResult result = provider.counts(query, sinceStart);
            assertThat(result).isInstanceOf(MetricResult.Counts.class);
            return ((MetricResult.Counts) result).counts();
        }

        @Test
        void countTheRequestsAndFailuresTheTraefikMetricsHold() {
            dev.canary.spec.RequestCounts canary = counts(MetricQuery.canary(SEED, SUCCESS));
            System.out.printf("real Prometheus counts: %s for %d requests, 60 failed%n", canary, CANARY_REQUESTS);
            // increase() extrapolates to the window's ends (by up to half a scrape interval past the first and last
            // samples, more when the machine delays scrapes), never below the real count
            assertThat(canary.requests()).isBetween((double) CANARY_REQUESTS, CANARY_REQUESTS * 1.5);
            assertThat(canary.failures() / canary.requests()).isCloseTo(0.1, within(1e-6));
            assertThat(canary.buckets()).isEmpty();
        }

        @Test
        void countTheLatencyBucketsPerService() {
            dev.canary.spec.RequestCounts canary = counts(MetricQuery.canary(SEED, DURATION));
            assertThat(canary.buckets()).extracting(dev.canary.spec.RequestCounts.Bucket::le)
                    .containsExactly(0.1, 0.3, 1.2, 5.0);
            // 588 of 600 took 0.05 s, 12 took 0.7 s
            assertThat(canary.slowerThan(0.1) / canary.requests()).isCloseTo(0.02, within(1e-6));
            assertThat(canary.slowerThan(0.3) / canary.requests()).isCloseTo(0.02, within(1e-6));
            assertThat(canary.slowerThan(1.2)).isCloseTo(0, within(1e-9));
            dev.canary.spec.RequestCounts primary = counts(new MetricQuery(SEED, DURATION, MetricQuery.Subject.PRIMARY));
            assertThat(primary.requests()).isBetween((double) PRIMARY_REQUESTS, PRIMARY_REQUESTS * 1.5);
            assertThat(primary.failures()).isZero();
            assertThat(primary.slowerThan(0.1)).isCloseTo(0, within(1e-9));
        }

        @Test
        void aTemplatesCountQueriesReturnWhatTheTraefikMetricsHoldForCanaryAndPrimary() {
            MetricCheck check = MetricCheck.builder("errors").templateRef(ObjectRef.of("error-rate-counted"))
                    .templateVariables(Map.of("codes", "5..")).build();
            dev.canary.spec.RequestCounts canary = counts(MetricQuery.canary(SEED, check));
            System.out.printf("real Prometheus template counts: %s for %d requests, 60 failed%n", canary,
                    CANARY_REQUESTS);
            assertThat(canary.requests()).isBetween((double) CANARY_REQUESTS, CANARY_REQUESTS * 1.5);
            assertThat(canary.failures() / canary.requests()).isCloseTo(0.1, within(1e-6));
            assertThat(canary.slowerThan(0.3) / canary.requests()).isCloseTo(0.02, within(1e-6));
            dev.canary.spec.RequestCounts primary = counts(new MetricQuery(SEED, check, MetricQuery.Subject.PRIMARY));
            assertThat(primary.requests()).isBetween((double) PRIMARY_REQUESTS, PRIMARY_REQUESTS * 1.5);
            assertThat(primary.failures()).isZero();
            assertThat(primary.slowerThan(0.1)).isCloseTo(0, within(1e-9));
            MetricResult.Counts answer = (MetricResult.Counts) provider.counts(MetricQuery.canary(SEED, check),
                    Duration.ofSeconds(90));
            assertThat(answer.source()).contains("service=~\"demo-canary-podinfo(-canary)?-80@kubernetescrd\"",
                    "[1m30s]");
        }

        @Test
        void aTemplatesBucketQueryReturnsEveryBucketTheTraefikSeriesHold() {
            MetricCheck check = MetricCheck.builder("latency").templateRef(ObjectRef.of("error-rate-counted"))
                    .thresholdRange(dev.canary.spec.ThresholdRange.atMost(0.3))
                    .sequential(dev.canary.spec.SequentialSpec.builder().latencyBound(Duration.ofMillis(300)).build())
                    .build();
            for (MetricQuery.Subject subject : MetricQuery.Subject.values()) {
                dev.canary.spec.RequestCounts template = counts(new MetricQuery(SEED, check, subject));
                dev.canary.spec.RequestCounts traefik = counts(new MetricQuery(SEED, DURATION, subject));
                assertThat(template.buckets()).as(subject.name()).hasSize(4);
                for (int i = 0; i < 4; i++) {
                    assertThat(template.buckets().get(i).le()).isEqualTo(traefik.buckets().get(i).le());
                    // two reads at two instants: increase() extrapolates each a little differently, alike per le
                    assertThat(template.buckets().get(i).count() / template.requests())
                            .isCloseTo(traefik.buckets().get(i).count() / traefik.requests(), within(1e-9));
                }
            }
            // 588 canary requests took 0.05 s (le 0.1 and up), 12 took 0.7 s (le 1.2 and up); the primary's 0.05 s
            dev.canary.spec.RequestCounts canary = counts(MetricQuery.canary(SEED, check));
            double scale = canary.requests() / CANARY_REQUESTS; // increase() extrapolates every series alike
            assertThat(canary.buckets().stream().mapToDouble(b -> Math.rint(b.count() / scale * 1e6) / 1e6))
                    .containsExactly(588.0, 588.0, 600.0, 600.0);
        }

        @Test
        void aTemplateLatencyCheckIsJudgedFromTheBucketsPrometheusReturns() {
            MetricCheck check = MetricCheck.builder("latency").templateRef(ObjectRef.of("error-rate-counted"))
                    .thresholdRange(dev.canary.spec.ThresholdRange.atMost(0.3))
                    .sequential(dev.canary.spec.SequentialSpec.builder().latencyBound(Duration.ofMillis(300)).build())
                    .build();
            var judge = dev.canary.engine.judge.SequentialJudge.of(check, check.sequential());
            assertThat(judge.latency()).isTrue();
            assertThat(judge.boundSeconds()).isEqualTo(0.3);
            var statistics = judge.update(null, counts(MetricQuery.canary(SEED, check)),
                    counts(new MetricQuery(SEED, check, MetricQuery.Subject.PRIMARY)));
            System.out.println("real Prometheus template latency: " + statistics.describe());
            // 2 % of the canary's requests are slower than 300 ms against 1 % allowed, none of the primary's
            assertThat(statistics.finding()).isEqualTo(dev.canary.engine.judge.Finding.HARM);
            assertThat(statistics.tests()).extracting(dev.canary.engine.judge.Statistic::name)
                    .containsExactly("slo", "primary le 0.1s", "primary le 0.3s", "primary le 1.2s", "primary le 5s");
            assertThat(statistics.tests().get(0).canaryEvents() / statistics.tests().get(0).canaryRequests())
                    .isCloseTo(0.02, within(1e-6));
        }

        @Test
        void templateCountQueriesThatAreScalarsAreReadOneByOne() {
            String requests = "scalar(sum(increase(traefik_service_requests_total{" + COUNTED_SERVICE
                    + "}[{{ window }}])))";
            MetricTemplate scalars = MetricTemplate.prometheus("demo-canary", "scalar-counts", ERROR_RATE.query())
                    .withCounts(new MetricTemplate.Counts(requests, requests.replace("}[", ",code=~\"5..\"}["), null));
            MetricCheck check = MetricCheck.builder("errors").templateRef(ObjectRef.of("scalar-counts")).build();
            try (PrometheusMetricsProvider p = PrometheusMetricsProvider.builder().address(server.uri().toString())
                    .template(scalars).build()) {
                MetricResult result = p.counts(MetricQuery.canary(SEED, check), sinceStart);
                // Prometheus refuses sum(scalar(...)) (bad_data): the queries went out alone, as written
                assertThat(result).isInstanceOfSatisfying(MetricResult.Counts.class, c -> {
                    assertThat(c.source()).startsWith("scalar(").doesNotContain("canary_count");
                    assertThat(c.counts().requests()).isBetween((double) CANARY_REQUESTS, CANARY_REQUESTS * 1.5);
                    assertThat(c.counts().failures()).isPositive();
                });
            }
        }

        @Test
        void templateCountQueriesWithSeveralSeriesAreSummedPerLe() {
            // per status code: two series of requests, two of failures (one of them 0), two per bucket
            MetricTemplate perCode = MetricTemplate.prometheus("demo-canary", "per-code", ERROR_RATE.query())
                    .withCounts(new MetricTemplate.Counts(
                            "increase(traefik_service_requests_total{" + COUNTED_SERVICE + "}[{{ window }}])",
                            "sum by (code) (increase(traefik_service_requests_total{" + COUNTED_SERVICE
                                    + ",code=~\"5..\"}[{{ window }}]))",
                            "sum by (le, code) (increase(traefik_service_request_duration_seconds_bucket{"
                                    + COUNTED_SERVICE + "}[{{ window }}]))"));
            MetricCheck check = MetricCheck.builder("latency").templateRef(ObjectRef.of("per-code"))
                    .sequential(dev.canary.spec.SequentialSpec.builder().latencyBound(Duration.ofMillis(300)).build())
                    .build();
            try (PrometheusMetricsProvider p = PrometheusMetricsProvider.builder().address(server.uri().toString())
                    .template(perCode).build()) {
                MetricResult result = p.counts(MetricQuery.canary(SEED, check), sinceStart);
                assertThat(result).isInstanceOfSatisfying(MetricResult.Counts.class, c -> {
                    assertThat(c.counts().buckets()).extracting(dev.canary.spec.RequestCounts.Bucket::le)
                            .containsExactly(0.1, 0.3, 1.2, 5.0);
                    assertThat(c.counts().requests()).isBetween((double) CANARY_REQUESTS, CANARY_REQUESTS * 1.5);
                    assertThat(c.counts().failures() / c.counts().requests()).isCloseTo(0.1, within(1e-6));
                    assertThat(c.counts().slowerThan(0.3) / c.counts().requests()).isCloseTo(0.02, within(1e-6));
                });
            }
        }

        @Test
        void aServiceWithoutTrafficCountsNothingAndATemplateHasNoCounts() {
            dev.canary.spec.RequestCounts idle = counts(MetricQuery.canary(ContractSpecs.seed("podinfo", "nowhere"),
                    SUCCESS));
            assertThat(idle).isEqualTo(dev.canary.spec.RequestCounts.NONE);
            MetricCheck check = MetricCheck.builder("errors").templateRef(ObjectRef.of("error-rate")).build();
            assertThat(provider.counts(MetricQuery.canary(SEED, check), sinceStart))
                    .isInstanceOf(MetricResult.Failed.class);
        }
    }

    @Nested
    class Consistency {
        final Duration sinceStart = Duration.ofMinutes(10);
        final MetricQuery canaryDuration = MetricQuery.canary(SEED, DURATION);

        dev.canary.spec.RequestCounts counts(PrometheusMetricsProvider from) {
            MetricResult result = from.counts(canaryDuration, sinceStart);
            assertThat(result).isInstanceOf(MetricResult.Counts.class);
            return ((MetricResult.Counts) result).counts();
        }

        @Test
        void aChecksCountsAreOneQueryToTheServer() {
            WireMockServer proxy = new WireMockServer(wireMockConfig().dynamicPort());
            proxy.start();
            try (PrometheusMetricsProvider viaProxy = PrometheusMetricsProvider.builder().address(proxy.baseUrl())
                    .build()) {
                proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(server.uri().toString())));
                dev.canary.spec.RequestCounts canary = counts(viaProxy);
                assertThat(canary.buckets()).hasSize(4);
                assertThat(canary.failures() / canary.requests()).isCloseTo(0.1, within(1e-6));
                assertThat(proxy.findAll(postRequestedFor(urlPathEqualTo("/api/v1/query"))))
                        .singleElement().satisfies(r -> assertThat(r.getBodyAsString()).contains("canary_count"));
            } finally {
                proxy.stop();
            }
        }

        /**
         * Reads the canary's counts again and again while Prometheus stores new scrapes: every scrape changes how
         * increase() extrapolates, so a read whose parts saw different scrapes has the wrong failure and slow shares.
         * The same counts read with three separate queries at one instant are counted for comparison.
         */
        @Test
        void everyReadWhileScrapesArriveIsConsistent() {
            List<String> separate = List.of(TraefikQueries.requests(CANARY, sinceStart),
                    TraefikQueries.failures(CANARY, sinceStart), TraefikQueries.buckets(CANARY, sinceStart));
            double seen = lastScrape();
            int scrapes = 0;
            int reads = 0;
            int skewed = 0;
            while (scrapes < 3 && reads < 3000) {
                dev.canary.spec.RequestCounts read = counts(provider);
                assertThat(read.failures() / read.requests()).as("failure share of read %d", reads)
                        .isCloseTo(0.1, within(1e-6));
                assertThat(read.slowerThan(0.3) / read.requests()).as("slow share of read %d", reads)
                        .isCloseTo(0.02, within(1e-6));
                Instant now = Instant.now();
                double requests = total(provider.queryInstant(separate.get(0), now), null);
                double failures = total(provider.queryInstant(separate.get(1), now), null);
                double within = total(provider.queryInstant(separate.get(2), now), "0.3");
                if (Math.abs(failures / requests - 0.1) > 1e-6 || Math.abs(1 - within / requests - 0.02) > 1e-6) {
                    skewed++;
                }
                reads++;
                double last = lastScrape();
                if (last > seen) {
                    scrapes++;
                    seen = last;
                }
            }
            System.out.printf("real Prometheus, %d reads over %d scrapes: one query skewed 0, three separate "
                    + "queries at one instant skewed %d%n", reads, scrapes, skewed);
            assertThat(scrapes).as("Prometheus stored scrapes during the reads").isPositive();
        }

        double lastScrape() {
            String q = "max(timestamp(traefik_service_requests_total{service=\"" + CANARY + "\"}))";
            return total(provider.queryInstant(q, Instant.now()), null);
        }

        /** The sum of a vector's samples, those with {@code le} only when given. */
        double total(QueryResult result, String le) {
            assertThat(result).isInstanceOf(QueryResult.Vector.class);
            return ((QueryResult.Vector) result).samples().stream()
                    .filter(s -> le == null || le.equals(s.labels().get("le")))
                    .mapToDouble(s -> s.sample().value()).sum();
        }
    }

    @Nested
    class QueriesAndTemplates {
        @Test
        void aTemplateRendersAndEvaluates() {
            MetricCheck check = MetricCheck.builder("errors").templateRef(ObjectRef.of("error-rate"))
                    .templateVariables(Map.of("codes", "5..")).build();
            assertThat(value(provider.query(MetricQuery.canary(SEED, check))).value()).isCloseTo(10.0, within(1.0));
        }

        @Test
        void aParseErrorIsAFailureQuotingPrometheus() {
            MetricResult result = provider.query(MetricQuery.canary(SEED,
                    MetricCheck.builder("bad").query("sum(rate(traefik_service_requests_total[1m])").build()));
            assertThat(result).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                    .contains("rejected the query (HTTP 400, bad_data)").contains("parse error"));
        }

        @Test
        void anExecutionErrorIsAFailureQuotingPrometheus() {
            MetricResult result = provider.query(MetricQuery.canary(SEED, MetricCheck.builder("bad")
                    .query("traefik_service_requests_total + on(service) traefik_service_requests_total").build()));
            assertThat(result).isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                    .contains("(HTTP 422, execution)").contains("matching"));
        }

        @Test
        void aRangeQueryReturnsTheSeriesOverTime() {
            String query = "sum(traefik_service_requests_total{service=\"" + CANARY + "\"})";
            // the series needs a few scrapes of history first; how many exist depends on how long the server ran
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Instant end = Instant.now();
                QueryResult.Matrix matrix = provider.queryRange(query, end.minusSeconds(10), end, Duration.ofSeconds(1));
                assertThat(matrix.series()).singleElement().satisfies(s -> {
                    assertThat(s.samples()).hasSizeGreaterThanOrEqualTo(5);
                    assertThat(s.samples()).extracting(QueryResult.Sample::time).isSorted();
                    assertThat(s.samples().get(s.samples().size() - 1).value()).isEqualTo(CANARY_REQUESTS);
                });
            });
        }
    }

    @Nested
    class TickTime {
        @Test
        void theQueriesOfTwoChecksAreInFlightAtTheSameTime() {
            try (MeetingExecutor executor = new MeetingExecutor(2);
                    PrometheusMetricsProvider concurrent = PrometheusMetricsProvider.builder()
                            .address(server.uri().toString()).executor(executor).build()) {
                List<MetricResult> results = concurrent.queryAll(List.of(MetricQuery.canary(SEED, SUCCESS),
                        MetricQuery.canary(SEED, DURATION)));

                assertThat(executor.met()).as("two queries were sent before either was answered").isTrue();
                assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(MetricResult.Value.class));
            }
        }

        @Test
        void timesATickConcurrentlyAndSequentially() {
            List<MetricQuery> tick = List.of(MetricQuery.canary(SEED, SUCCESS), MetricQuery.canary(SEED, DURATION));
            try (PrometheusMetricsProvider sequential = PrometheusMetricsProvider.builder().address(server.uri().toString())
                    .executor(Runnable::run).build()) {
                TickTiming.Report report = TickTiming.measure(provider, sequential, tick, 30);
                TickTiming.print("real Prometheus 2.42 on loopback, 2 builtin checks (4 queries)", report);
                assertThat(report.lastResults()).allSatisfy(r -> assertThat(r).isInstanceOf(MetricResult.Value.class));
            }
        }
    }
}
