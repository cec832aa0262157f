package dev.canary;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.AlertSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.InvalidSpecException;
import dev.canary.spec.MetricResult;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.MetricsProvider;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alerts and load generation in whole runs, driven tick by tick. */
class HooksInRunsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final int MAX_TICKS = 500;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ExecutorService io = Executors.newFixedThreadPool(4);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AlertProvider printing = AlertProvider.printing(new PrintStream(printed, true,
            StandardCharsets.UTF_8));

    @AfterEach
    void stopPool() {
        io.shutdownNow();
    }

    static MetricsProvider successRate(double value) {
        return query -> MetricResult.value(query.check().name().equals("request-success-rate") ? value : 100);
    }

    CanaryRun.Builder run(CanarySpec spec, MetricsProvider metrics) {
        return CanaryRun.builder().spec(spec).router(new FakeRouter()).target(new FakeTarget("v1", "v2"))
                .metrics(metrics).stateStore(new InMemoryStateStore()).clock(clock).scheduler(scheduler)
                .executor(scheduler);
    }

    CanaryResult drive(CanaryExecution execution) {
        for (int i = 0; i < MAX_TICKS && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result()).as("the run ended within %d ticks", MAX_TICKS).isDone();
        return execution.result().join();
    }

    List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Nested
    class Alerts {
        @Test
        void a_promoted_run_prints_one_line_per_alert() {
            drive(run(ContractSpecs.seed(), successRate(100)).alertProvider("console", printing).build().start());

            assertThat(lines()).hasSize(3).allMatch(l -> l.startsWith("ALERT [INFO] demo-canary/podinfo: "));
            assertThat(lines().get(0)).contains("Initialized");
            assertThat(lines().get(1)).contains("New revision");
            assertThat(lines().get(2)).contains("Promoted");
        }

        @Test
        void a_rolled_back_run_alerts_the_decision_and_the_confirmation() {
            drive(run(ContractSpecs.seed(), successRate(90)).alertProvider("console", printing).build().start());

            assertThat(lines()).filteredOn(l -> l.startsWith("ALERT [ERROR]")).satisfiesExactly(
                    l -> assertThat(l).contains("Rolling back: failed checks threshold reached 10/10"),
                    l -> assertThat(l).contains("Rolled back: "));
        }

        @Test
        void an_error_subscription_gets_only_errors() {
            CanarySpec seed = ContractSpecs.seed();
            CanarySpec spec = seed.toBuilder().analysis(seed.analysis().toBuilder()
                    .alerts(List.of(new AlertSpec("pager", Severity.ERROR, ObjectRef.of("console")))).build()).build();

            drive(run(spec, successRate(90)).alertProvider("console", printing).build().start());

            assertThat(lines()).hasSize(2).allMatch(l -> l.startsWith("ALERT [ERROR]"));
        }
    }

    @Nested
    class LoadGeneration {
        @Test
        void the_seed_manifests_hey_hook_drives_traffic_and_the_run_passes() {
            wm.stubFor(get("/").willReturn(ok()));
            WebhookSpec loadTest = new WebhookSpec("load-test", HookType.ROLLOUT,
                    URI.create("http://flagger-loadtester.flagger-system/"), Duration.ofSeconds(5),
                    Map.of("type", "cmd", "cmd", "hey -z 10m -q 10 -c 2 " + wm.getRuntimeInfo().getHttpBaseUrl()
                            + "/"), 0, false, false);
            CanarySpec seed = ContractSpecs.seed();
            CanarySpec spec = seed.toBuilder().analysis(seed.analysis().toBuilder().webhooks(loadTest).build())
                    .build();
            List<CanaryEvent> events = new CopyOnWriteArrayList<>();
            CanaryExecution execution = run(spec, successRate(100)).runCommandsInProcess().listener(events::add)
                    .build().start();

            for (int i = 0; i < MAX_TICKS && !execution.result().isDone(); i++) {
                int before = requests();
                scheduler.runNext();
                if (events.stream().anyMatch(CanaryEvent.CheckEvaluated.class::isInstance)) {
                    // ticks take no real time here: let the generator get responses before the next tick reports
                    await().atMost(Duration.ofSeconds(10)).until(() -> requests() >= before + 3
                            || execution.result().isDone());
                }
            }
            CanaryResult result = execution.result().join();

            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(result.status().failedChecks()).as(result.reason()).isZero();
            assertThat(requests()).isPositive();
        }

        @Test
        void a_command_that_would_be_refused_fails_the_build_with_how_to_allow_it() {
            WebhookSpec ghz = new WebhookSpec("grpc-load", HookType.ROLLOUT, URI.create("http://loadtester.test/"),
                    Duration.ofSeconds(5), Map.of("cmd", "ghz --insecure podinfo:9999"), 0, false, false);
            CanarySpec seed = ContractSpecs.seed();
            CanarySpec spec = seed.toBuilder().analysis(seed.analysis().toBuilder().webhooks(ghz).build()).build();

            assertThat(run(spec, successRate(100)).build()).as("sent to its load tester: nothing to refuse")
                    .isNotNull();
            assertThatThrownBy(() -> run(spec, successRate(100)).runCommandsInProcess().build())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("command 'ghz' is not run")
                    .hasMessageContaining("CanaryRun.builder().allowCommands(\"ghz\")");
            assertThat(run(spec, successRate(100)).runCommandsInProcess().allowCommands("ghz").build()).isNotNull();
        }

        @Test
        void a_load_tester_that_fails_is_a_warning_event_naming_the_hook_and_a_failed_check() {
            wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/loadtester")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.status(503)));
            WebhookSpec loadTest = new WebhookSpec("load-test", HookType.ROLLOUT,
                    URI.create(wm.getRuntimeInfo().getHttpBaseUrl() + "/loadtester"), Duration.ofSeconds(5),
                    Map.of("type", "cmd", "cmd", "hey -z 10m -q 10 http://podinfo.test/"), 0, false, false);
            CanarySpec seed = ContractSpecs.seed();
            CanarySpec spec = seed.toBuilder().analysis(seed.analysis().toBuilder().webhooks(loadTest).build())
                    .build();
            List<CanaryEvent> events = new CopyOnWriteArrayList<>();

            CanaryResult result = drive(run(spec, successRate(100)).listener(events::add).build().start());

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(events).filteredOn(e -> e instanceof CanaryEvent.Note && e.severity() == Severity.WARN)
                    .extracting(CanaryEvent::message)
                    .anySatisfy(m -> assertThat(m).startsWith("rollout webhook failed: load-test: ").contains("503"));
        }

        int requests() {
            return wm.countRequestsMatching(getRequestedFor(urlEqualTo("/")).build()).getCount();
        }
    }
}
