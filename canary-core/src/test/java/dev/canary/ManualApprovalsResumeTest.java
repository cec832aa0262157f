package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.WebhookSpec;
import dev.canary.testkit.ContractSpecs;
import dev.canary.spi.StateStore;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Manual approvals are stored with the run state: a run resumed elsewhere still has them. */
class ManualApprovalsResumeTest {
    private static final CanarySpec SPEC = withGate(ContractSpecs.seed());

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final StateStore store = new InMemoryStateStore();
    private final FakeRouter router = new FakeRouter();
    private final FakeTarget target = new FakeTarget("v1", "v2");

    @AfterEach
    void stopPool() {
        io.shutdownNow();
    }

    private static CanarySpec withGate(CanarySpec seed) {
        return seed.toBuilder().analysis(seed.analysis().toBuilder()
                .webhooks(List.of(WebhookSpec.gate("release-manager", HookType.CONFIRM_PROMOTION))).build()).build();
    }

    private CanaryExecution start(CanaryRun.Builder builder, ManualScheduler scheduler) {
        return builder.router(router).target(target).metrics(q -> MetricResult.value(
                q.check().name().equals("request-success-rate") ? 99.9 : 120)).manualGate("release-manager")
                .clock(clock).scheduler(scheduler).executor(scheduler).build().start();
    }

    @Test
    void anApprovalGivenBeforeARestartPromotesTheResumedRun() {
        ManualScheduler first = new ManualScheduler(clock);
        CanaryExecution before = start(CanaryRun.builder().spec(SPEC).stateStore(store), first);
        for (int i = 0; i < 4; i++) {
            first.runNext();
        }
        before.approve(HookType.CONFIRM_PROMOTION);
        first.runNext();
        assertThat(before.status().phase()).isEqualTo(Phase.PROGRESSING);

        ManualScheduler second = new ManualScheduler(clock);
        CanaryExecution resumed = start(CanaryRun.resume(SPEC, store), second);
        for (int i = 0; i < 100 && !resumed.result().isDone(); i++) {
            second.runNext();
        }

        assertThat(resumed.result()).isDone();
        assertThat(resumed.result().join().phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(resumed.result().join().status().history()).noneMatch(r -> r.phase() == Phase.WAITING_PROMOTION
                && r.summary().contains("waiting for confirm-promotion approval"));
    }

    @Test
    void anApprovalIsStoredBeforeApproveReturnsSoACrashBeforeTheNextTickKeepsIt() {
        ManualScheduler first = new ManualScheduler(clock);
        CanaryExecution before = start(CanaryRun.builder().spec(SPEC).stateStore(store), first);
        for (int i = 0; i < 40 && before.status().phase() != Phase.WAITING_PROMOTION; i++) {
            first.runNext();
        }
        assertThat(before.status().phase()).isEqualTo(Phase.WAITING_PROMOTION);
        String waiting = store.load(SPEC.key()).orElseThrow().document();

        before.approve(HookType.CONFIRM_PROMOTION);

        // the process "crashes" here: no further tick of the first runner
        assertThat(store.load(SPEC.key()).orElseThrow().document()).isNotEqualTo(waiting)
                .contains("CONFIRM_PROMOTION");
        ManualScheduler second = new ManualScheduler(clock);
        CanaryExecution resumed = start(CanaryRun.resume(SPEC, store), second);
        for (int i = 0; i < 100 && !resumed.result().isDone(); i++) {
            second.runNext();
        }

        assertThat(resumed.result()).isDone();
        assertThat(resumed.result().join().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void inAFileStoreTheApprovalIsOnDiskBeforeApproveReturns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        StateStore files = StateStores.file(dir);
        ManualScheduler first = new ManualScheduler(clock);
        CanaryExecution before = start(CanaryRun.builder().spec(SPEC).stateStore(files), first);
        for (int i = 0; i < 40 && before.status().phase() != Phase.WAITING_PROMOTION; i++) {
            first.runNext();
        }

        before.approve(HookType.CONFIRM_PROMOTION);

        // a new process: a new store over the same directory, the first runner never ticks again
        StateStore reopened = StateStores.file(dir);
        ManualScheduler second = new ManualScheduler(clock);
        CanaryExecution resumed = start(CanaryRun.resume(SPEC, reopened), second);
        for (int i = 0; i < 100 && !resumed.result().isDone(); i++) {
            second.runNext();
        }

        assertThat(resumed.result()).isDone();
        assertThat(resumed.result().join().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void aDenialIsStoredBeforeDenyReturns() {
        ManualScheduler first = new ManualScheduler(clock);
        CanaryExecution before = start(CanaryRun.builder().spec(SPEC).stateStore(store), first);
        for (int i = 0; i < 40 && before.status().phase() != Phase.WAITING_PROMOTION; i++) {
            first.runNext();
        }

        before.deny(HookType.CONFIRM_PROMOTION, "not today");

        ManualScheduler second = new ManualScheduler(clock);
        CanaryExecution resumed = start(CanaryRun.resume(SPEC, store), second);
        for (int i = 0; i < 100 && !resumed.result().isDone(); i++) {
            second.runNext();
        }

        assertThat(resumed.result()).isDone();
        assertThat(resumed.result().join().phase()).isEqualTo(Phase.FAILED);
        assertThat(resumed.result().join().reason()).contains("not today");
    }

    @Test
    void withoutTheApprovalTheResumedRunWaitsAtTheGate() {
        ManualScheduler first = new ManualScheduler(clock);
        start(CanaryRun.builder().spec(SPEC).stateStore(store), first);
        for (int i = 0; i < 5; i++) {
            first.runNext();
        }

        ManualScheduler second = new ManualScheduler(clock);
        CanaryExecution resumed = start(CanaryRun.resume(SPEC, store), second);
        for (int i = 0; i < 40 && !resumed.result().isDone(); i++) {
            second.runNext();
        }

        assertThat(resumed.result()).isNotDone();
        assertThat(resumed.status().phase()).isEqualTo(Phase.WAITING_PROMOTION);
    }
}
