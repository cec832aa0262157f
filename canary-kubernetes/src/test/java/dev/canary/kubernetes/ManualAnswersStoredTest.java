package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.WebhookSpec;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An approval given through the run handle is in the state ConfigMap before {@code approve} returns: a process
 * that crashes before its next tick loses nothing, and the replica that resumes the run promotes it.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ManualAnswersStoredTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final CanarySpec spec = withGate(ContractSpecs.seed());

    private static CanarySpec withGate(CanarySpec seed) {
        return seed.toBuilder().analysis(seed.analysis().toBuilder()
                .webhooks(List.of(WebhookSpec.gate("release-manager", HookType.CONFIRM_PROMOTION))).build()).build();
    }

    private CanaryExecution start(CanaryRun.Builder builder, ManualScheduler scheduler) {
        return builder.router(new FakeRouter()).target(new FakeTarget("v1", "v2"))
                .metrics(q -> MetricResult.value(q.check().name().equals("request-success-rate") ? 99.9 : 150))
                .manualGate("release-manager").clock(clock).scheduler(scheduler).executor(scheduler).build().start();
    }

    @Test
    void anApprovalIsInTheConfigMapBeforeApproveReturnsAndTheResumedRunPromotes() {
        ManualScheduler first = new ManualScheduler(clock);
        CanaryExecution before = start(CanaryRun.builder().spec(spec).stateStore(new KubernetesStateStore(client)),
                first);
        for (int i = 0; i < 40 && before.status().phase() != Phase.WAITING_PROMOTION; i++) {
            first.runNext();
        }
        assertThat(before.status().phase()).isEqualTo(Phase.WAITING_PROMOTION);

        before.approve(HookType.CONFIRM_PROMOTION);

        assertThat(client.configMaps().inNamespace("demo-canary").withName("canary-state-podinfo").get().getData()
                .get(KubernetesStateStore.DATA_KEY)).contains("CONFIRM_PROMOTION");
        ManualScheduler second = new ManualScheduler(clock);
        CanaryExecution resumed = start(CanaryRun.resume(spec, new KubernetesStateStore(client)), second);
        for (int i = 0; i < 100 && !resumed.result().isDone(); i++) {
            second.runNext();
        }
        assertThat(resumed.result().join().phase()).isEqualTo(Phase.SUCCEEDED);
    }
}
