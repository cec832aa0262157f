package dev.canary.prometheus.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.CanaryEvent;
import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.testkit.faults.Expect;
import dev.canary.testkit.faults.FaultLedger;
import dev.canary.testkit.faults.FaultReport;
import dev.canary.testkit.faults.Outcome;
import dev.canary.testkit.faults.RunDriver;
import dev.canary.testkit.faults.Trial;
import dev.canary.internal.InMemoryStateStore;
import dev.canary.prometheus.PrometheusMetricsProvider;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.SequentialSpec;
import dev.canary.spec.ServiceSpec;
import dev.canary.spec.ThresholdRange;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prometheus faults under every onError/onNoData policy, on the real runner with the real Prometheus provider
 * (WireMock standing in for the server) and the manual scheduler. A fault is on until the heal task (flapping:
 * on two tasks of three); what the policy that applies says decides the expected end: FAIL rolls back, WAIT
 * holds and is promoted once Prometheus is healthy again. The provider's bearer token must appear in no event,
 * result, evidence or log line, even when the server echoes it.
 */
@ExtendWith(FaultReport.class)
class MetricsFaultsTest {
    static final String SUCCESS = "success_rate";
    static final String LATENCY = "latency_p99";
    static final String TOKEN = "tkn-8f2c1e9a7b";
    static final int HEAL_AT = 8;
    static final int MAX_TASKS = 60;

    @RegisterExtension
    static final WireMockExtension FAULTY = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();
    @RegisterExtension
    static final WireMockExtension HEALTHY = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    static Stream<Arguments> trials() {
        List<OutcomePolicy[]> policies = List.of(new OutcomePolicy[] {OutcomePolicy.FAIL, OutcomePolicy.FAIL},
                new OutcomePolicy[] {OutcomePolicy.WAIT, OutcomePolicy.WAIT},
                new OutcomePolicy[] {OutcomePolicy.FAIL, OutcomePolicy.WAIT},
                new OutcomePolicy[] {OutcomePolicy.WAIT, OutcomePolicy.FAIL});
        return Stream.of(MetricsFault.values()).flatMap(f -> policies.stream().map(p -> Arguments.of(f, p[0], p[1])));
    }

    @ParameterizedTest(name = "{0} with onError {1}, onNoData {2}")
    @MethodSource("trials")
    void aFaultEndsAsThePolicyThatAppliesSays(MetricsFault fault, OutcomePolicy onError, OutcomePolicy onNoData)
            throws IOException {
        OutcomePolicy applies = fault.error ? onError : onNoData;
        Expect expected = fault == MetricsFault.NONE || applies == OutcomePolicy.WAIT ? Expect.PROMOTED
                : Expect.ROLLED_BACK;
        fault.stub(FAULTY);
        MetricsFault.NONE.stub(HEALTHY);
        String variant = "onError " + onError + ", onNoData " + onNoData;

        Trial trial = FaultLedger.record(new Trial("metrics", fault.text, variant, expected,
                run(fault, spec(onError, onNoData))));

        assertThat(trial.asExpected()).as("%s", trial).isTrue();
    }

    /**
     * A sequential check whose failure count Prometheus answers as NaN while the fault is on; the canary really
     * fails 10 % of its requests (what Prometheus answers once healthy). A NaN count is no data, never zero
     * failures: FAIL rolls back, WAIT holds until the counts are good again and the test shows the harm.
     */
    @ParameterizedTest(name = "NaN failure count with onNoData {0}")
    @org.junit.jupiter.params.provider.EnumSource(OutcomePolicy.class)
    void aNanFailureCountIsNeverZeroFailures(OutcomePolicy onNoData) throws IOException {
        for (WireMockExtension server : new WireMockExtension[] {FAULTY, HEALTHY}) {
            server.resetAll();
            server.stubFor(post(urlPathEqualTo("/api/v1/query"))
                    .willReturn(okJson(MetricsFault.vector("400"))));
            server.stubFor(post(urlPathEqualTo("/api/v1/query")).withFormParam("query", containing("code=~"))
                    .willReturn(okJson(MetricsFault.vector(server == FAULTY ? "NaN" : "40"))));
            // the counts: requests and failures read with one query, each series tagged with its part
            server.stubFor(post(urlPathEqualTo("/api/v1/query")).withFormParam("query", containing("canary_count"))
                    .willReturn(okJson(MetricsFault.counts("400", server == FAULTY ? "NaN" : "40"))));
        }
        MetricCheck check = MetricCheck.builder("request-success-rate").thresholdRange(ThresholdRange.atLeast(99))
                .onError(OutcomePolicy.FAIL).onNoData(onNoData)
                .sequential(SequentialSpec.builder().against(SequentialSpec.Baseline.SLO).build()).build();
        CanarySpec spec = spec(OutcomePolicy.FAIL, onNoData);
        spec = spec.toBuilder().analysis(spec.analysis().toBuilder().metrics(List.of(check)).build()).build();

        Trial trial = FaultLedger.record(new Trial("metrics", "NaN failure count, sequential check",
                "onNoData " + onNoData, Expect.ROLLED_BACK, run(MetricsFault.NAN, spec)));

        assertThat(trial.asExpected()).as("%s", trial).isTrue();
    }

    private Outcome run(MetricsFault fault, CanarySpec spec) throws IOException {
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        ManualScheduler scheduler = new ManualScheduler(clock);
        ExecutorService io = Executors.newFixedThreadPool(4);
        FakeRouter router = new FakeRouter();
        List<CanaryEvent> events = new CopyOnWriteArrayList<>();
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (PrometheusMetricsProvider faulty = provider(fault == MetricsFault.REFUSED ? closedPort()
                : FAULTY.baseUrl(), clock);
                PrometheusMetricsProvider healthy = provider(HEALTHY.baseUrl(), clock)) {
            Switch metrics = new Switch(faulty, healthy);
            System.setErr(new PrintStream(new Tee(err, logs), true, StandardCharsets.UTF_8));
            CanaryExecution run = CanaryRun.builder().spec(spec).router(router).target(new FakeTarget("v1", "v2"))
                    .metrics(metrics).stateStore(new InMemoryStateStore()).clock(clock).scheduler(scheduler)
                    .executor(scheduler).listener(events::add).build().start();
            RunDriver.Drive drive = new RunDriver(scheduler).drive(run, MAX_TASKS,
                    n -> metrics.faulty = fault.onAt(n, HEAL_AT));
            Outcome outcome = drive.outcome(() -> router.routes(spec));
            int leaks = leaks(events, drive, logs.toString(StandardCharsets.UTF_8));
            return new Outcome(outcome.promoted(), outcome.rolledBack(), outcome.lost(), outcome.hung(),
                    outcome.trafficLeft(), leaks, outcome.detail());
        } finally {
            System.setErr(err);
            io.shutdownNow();
        }
    }

    /** Places the token shows up in: events, the result's reason, status and evidence, and the log. */
    private static int leaks(List<CanaryEvent> events, RunDriver.Drive drive, String logs) {
        int leaks = (int) events.stream().filter(e -> String.valueOf(e).contains(TOKEN)
                || e.message().contains(TOKEN)).count();
        if (drive.result() != null && (drive.result().toString().contains(TOKEN)
                || drive.result().status().toString().contains(TOKEN))) {
            leaks++;
        }
        return leaks + (logs.contains(TOKEN) ? 1 : 0);
    }

    static CanarySpec spec(OutcomePolicy onError, OutcomePolicy onNoData) {
        return CanarySpec.builder("podinfo").namespace("faults").service(ServiceSpec.of("podinfo", 80))
                .progressDeadline(Duration.ofMinutes(5))
                .analysis(AnalysisSpec.builder().interval(Duration.ofSeconds(10)).threshold(3).stepWeight(20)
                        .maxWeight(60).metrics(
                                check(SUCCESS, ThresholdRange.atLeast(99), onError, onNoData),
                                check(LATENCY, ThresholdRange.atMost(500), onError, onNoData)).build())
                .build();
    }

    private static MetricCheck check(String query, ThresholdRange range, OutcomePolicy onError,
            OutcomePolicy onNoData) {
        return MetricCheck.builder(query.replace('_', '-')).query(query).thresholdRange(range).onError(onError)
                .onNoData(onNoData).build();
    }

    private static PrometheusMetricsProvider provider(String address, MutableClock clock) {
        return PrometheusMetricsProvider.builder().address(address).bearerToken(TOKEN).clock(clock)
                .readTimeout(Duration.ofMillis(200)).callTimeout(Duration.ofMillis(300))
                .maxAttempts(2).backoff(Duration.ofMillis(1), 2, Duration.ofMillis(2)).build();
    }

    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** Asks the faulty server while the fault is on, the healthy one after. */
    static final class Switch implements MetricsProvider {
        private final MetricsProvider faultyProvider;
        private final MetricsProvider healthyProvider;
        volatile boolean faulty = true;

        Switch(MetricsProvider faulty, MetricsProvider healthy) {
            this.faultyProvider = faulty;
            this.healthyProvider = healthy;
        }

        @Override
        public MetricResult query(MetricQuery query) {
            return (faulty ? faultyProvider : healthyProvider).query(query);
        }

        @Override
        public MetricResult counts(MetricQuery query, Duration window) {
            return (faulty ? faultyProvider : healthyProvider).counts(query, window);
        }
    }

    /** Writes to both streams. */
    static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        Tee(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
