package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryEvent;
import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.CanaryRun;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.WebhookSpec;
import dev.canary.testkit.ContractSpecs;
import dev.canary.spi.RemoteCommand;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.LogCapture;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs kept in the Kubernetes state store, steered through annotations on their ConfigMap (as {@code kubectl
 * annotate} and the {@code canary} command write them), with their events recorded on the target.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RemoteCommandsTest {
    static final String KEY = "demo-canary/podinfo";
    static final String CONFIG_MAP = "canary-state-podinfo";

    KubernetesMockServer server;
    KubernetesClient client;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final List<CanaryEvent> events = new ArrayList<>();

    @AfterEach
    void stopPool() {
        io.shutdownNow();
    }

    private CanaryExecution start(CanarySpec spec, KubernetesStateStore store, CanaryRun.Builder builder) {
        return builder.spec(spec).router(new FakeRouter()).target(new FakeTarget("v1", "v2"))
                .metrics(q -> MetricResult.value(q.check().name().equals("request-success-rate") ? 99.9 : 150))
                .stateStore(store).clock(clock).scheduler(scheduler).executor(scheduler).listener(events::add).build()
                .start();
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            scheduler.runNext();
        }
    }

    private CanaryResult finish(CanaryExecution execution) {
        for (int i = 0; i < 100 && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        return execution.result().join();
    }

    private ConfigMap configMap() {
        return client.configMaps().inNamespace("demo-canary").withName(CONFIG_MAP).get();
    }

    @Test
    void theConfigMapShowsPhaseWeightAndFailedChecksAsLabels() {
        KubernetesStateStore store = new KubernetesStateStore(client);
        start(ContractSpecs.seed(), store, CanaryRun.builder());
        ticks(5);

        assertThat(configMap().getMetadata().getLabels()).containsEntry("canary.dev/phase", "Progressing")
                .containsEntry("canary.dev/canary-weight", "15").containsEntry("canary.dev/failed-checks", "0")
                .containsEntry("canary.dev/canary", "podinfo");
        assertThat(client.configMaps().inNamespace("demo-canary").withLabel("canary.dev/phase", "Progressing").list()
                .getItems()).hasSize(1);
    }

    @Test
    void anAbortAnnotatedByHandRollsBackAtTheNextTickAndIsRemoved() {
        KubernetesStateStore store = new KubernetesStateStore(client);
        CanaryExecution execution = start(ContractSpecs.seed(), store, CanaryRun.builder());
        ticks(5);

        client.configMaps().inNamespace("demo-canary").withName(CONFIG_MAP).edit(m -> {
            m.getMetadata().getAnnotations().put("canary.dev/abort", "bad release");
            return m;
        });
        CanaryResult result = finish(execution);

        assertThat(result.phase()).isEqualTo(Phase.FAILED);
        assertThat(result.reason()).contains("aborted by command");
        assertThat(events).extracting(CanaryEvent::message).contains("abort requested: bad release");
        assertThat(configMap().getMetadata().getAnnotations()).doesNotContainKey("canary.dev/abort");
        assertThat(configMap().getMetadata().getLabels()).containsEntry("canary.dev/phase", "Failed");
    }

    @Test
    void anAbortReasonThatTriesToStartALogLineIsLoggedOnOne() {
        String forged = "2026-11-26 10:00:00 INFO canary demo-canary/podinfo: promoted";
        CanaryExecution execution = start(ContractSpecs.seed(), new KubernetesStateStore(client), CanaryRun.builder());
        ticks(5);

        try (LogCapture log = LogCapture.of("dev.canary.internal.Runner", "dev.canary.internal.TickPipeline")) {
            client.configMaps().inNamespace("demo-canary").withName(CONFIG_MAP).edit(m -> {
                m.getMetadata().getAnnotations().put("canary.dev/abort", "bad release\r\n" + forged);
                return m;
            });
            assertThat(finish(execution).phase()).isEqualTo(Phase.FAILED);

            assertThat(log.linesWith(forged)).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("canary demo-canary/podinfo: ")
                            .contains("bad release\\u000D\\u000A" + forged));
            assertThat(log.lines()).noneMatch(line -> line.startsWith(forged));
        }
    }

    @Test
    void anUnknownHookTypeInAnAnnotationIsLoggedOnOneLine() {
        try (LogCapture log = LogCapture.of(ConfigMapCommands.class.getName())) {
            ConfigMapCommands.parse(CONFIG_MAP, java.util.Map.of("canary.dev/deny",
                    "rollout\r\nINFO forged: promoted: no"));

            assertThat(log.linesWith("forged")).singleElement().satisfies(line -> assertThat(line)
                    .contains("names no hook type 'rollout\\u000D\\u000AINFO forged"));
        }
    }

    @Test
    void anEventThatTriesToStartALogLineIsLoggedOnOne() {
        KubernetesEvents recorder = KubernetesEvents.forSpec(client, ContractSpecs.seed());
        recorder.close();

        try (LogCapture log = LogCapture.of(KubernetesEvents.class.getName())) {
            recorder.onEvent(new CanaryEvent.Note(KEY, clock.instant(), dev.canary.spec.Severity.WARN,
                    "rolled back\r\nINFO forged: promoted"));

            assertThat(log.linesWith("forged")).singleElement().satisfies(line -> assertThat(line)
                    .contains("event not recorded: rolled back\\u000D\\u000AINFO forged"));
        }
    }

    @Test
    void aPromoteGivenByAnotherProcessPromotesAtTheNextTick() {
        CanaryExecution execution = start(ContractSpecs.seed(), new KubernetesStateStore(client), CanaryRun.builder());
        ticks(4);

        new KubernetesStateStore(client).give(KEY, new RemoteCommand(RemoteCommand.Kind.PROMOTE, null, "urgent fix"));
        ticks(1);

        assertThat(execution.status().phase()).isEqualTo(Phase.PROMOTING);
        assertThat(finish(execution).phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void anApprovalReachesTheManualGateOfTheOwningProcess() {
        CanarySpec seed = ContractSpecs.seed();
        CanarySpec spec = seed.toBuilder().analysis(seed.analysis().toBuilder()
                .webhooks(List.of(WebhookSpec.gate("release-manager", HookType.CONFIRM_PROMOTION))).build()).build();
        CanaryExecution execution = start(spec, new KubernetesStateStore(client),
                CanaryRun.builder().manualGate("release-manager"));
        for (int i = 0; i < 40 && execution.status().phase() != Phase.WAITING_PROMOTION; i++) {
            ticks(1);
        }
        ticks(2);
        assertThat(execution.status().phase()).isEqualTo(Phase.WAITING_PROMOTION);

        new KubernetesStateStore(client).give(KEY, new RemoteCommand(RemoteCommand.Kind.APPROVE,
                HookType.CONFIRM_PROMOTION, ""));

        assertThat(finish(execution).phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(events).extracting(CanaryEvent::message).contains("confirm-promotion approved manually");
    }

    @Test
    void theRunsEventsAreRecordedOnTheTarget() {
        KubernetesEvents recorder = KubernetesEvents.forSpec(client, ContractSpecs.seed());
        finish(start(ContractSpecs.seed(), new KubernetesStateStore(client), CanaryRun.builder().listener(recorder)));
        recorder.close();

        List<Event> recorded = client.v1().events().inNamespace("demo-canary").list().getItems();
        assertThat(recorded).allSatisfy(e -> {
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Deployment");
            assertThat(e.getInvolvedObject().getName()).isEqualTo("podinfo");
            assertThat(e.getReason()).isEqualTo("Synced");
        });
        assertThat(recorded).extracting(Event::getMessage)
                .contains("podinfo.demo-canary canary weight 0 -> 5", "podinfo.demo-canary promoted revision v2")
                .anySatisfy(m -> assertThat(m).startsWith("podinfo.demo-canary phase Finalising -> Succeeded"));
    }
}
