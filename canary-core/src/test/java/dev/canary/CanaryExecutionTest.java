package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.MetricsProvider;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The gates of a run steered through its handle, driven tick by tick with a manual scheduler and a fake clock. */
class CanaryExecutionTest {
    private static final int MAX_TICKS = 500;
    private static final MetricsProvider HEALTHY = query -> MetricResult.value(100);

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ExecutorService io = Executors.newFixedThreadPool(4);
    private final FakeRouter router = new FakeRouter();
    private final FakeTarget target = new FakeTarget("v1", "v2");
    private final List<CanaryEvent> events = new ArrayList<>();

    @AfterEach
    void stopPool() {
        io.shutdownNow();
    }

    static CanarySpec withHooks(WebhookSpec... hooks) {
        CanarySpec seed = ContractSpecs.seed();
        return seed.toBuilder().analysis(seed.analysis().toBuilder().webhooks(hooks).build()).build();
    }

    CanaryRun.Builder run(CanarySpec spec) {
        return CanaryRun.builder().spec(spec).router(router).target(target).metrics(HEALTHY)
                .stateStore(new InMemoryStateStore()).clock(clock).scheduler(scheduler).executor(scheduler)
                .listener(events::add);
    }

    CanaryExecution manual(HookType type) {
        return run(withHooks(WebhookSpec.gate("manual", type))).manualGate("manual").build().start();
    }

    void tickUntil(CanaryExecution execution, Predicate<RunStatus> condition) {
        for (int i = 0; i < MAX_TICKS && !condition.test(execution.status()); i++) {
            scheduler.runNext();
        }
        assertThat(condition).as("reached within %d ticks", MAX_TICKS).accepts(execution.status());
    }

    void ticks(int n) {
        for (int i = 0; i < n; i++) {
            scheduler.runNext();
        }
    }

    CanaryResult drive(CanaryExecution execution) {
        for (int i = 0; i < MAX_TICKS && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result()).as("the run ended within %d ticks", MAX_TICKS).isDone();
        return execution.result().join();
    }

    long waitingEvents(HookType type) {
        return events.stream().filter(e -> e instanceof CanaryEvent.GateWaiting w && w.gate() == type).count();
    }

    @Nested
    class ConfirmRollout {
        @Test
        void waits_with_the_canary_scaled_down_until_approved() {
            CanaryExecution execution = manual(HookType.CONFIRM_ROLLOUT);
            tickUntil(execution, s -> s.phase() == Phase.WAITING);
            ticks(5);

            assertThat(execution.status().phase()).isEqualTo(Phase.WAITING);
            assertThat(target.canaryReplicas()).isZero();
            assertThat(router.canaryWeights()).isEmpty();
            assertThat(waitingEvents(HookType.CONFIRM_ROLLOUT)).isGreaterThan(1);

            execution.approve(HookType.CONFIRM_ROLLOUT);

            assertThat(drive(execution).phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(target.primaryRevision()).isEqualTo("v2");
        }

        @Test
        void a_denial_rejects_the_revision_without_shifting_traffic() {
            CanaryExecution execution = manual(HookType.CONFIRM_ROLLOUT);
            tickUntil(execution, s -> s.phase() == Phase.WAITING);

            execution.deny(HookType.CONFIRM_ROLLOUT, "change freeze");
            CanaryResult result = drive(execution);

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(result.reason()).contains("change freeze");
            assertThat(router.canaryWeights()).isEmpty();
        }
    }

    @Nested
    class ConfirmTrafficIncrease {
        @Test
        void holds_the_weight_and_each_approval_allows_one_step() {
            CanaryExecution execution = manual(HookType.CONFIRM_TRAFFIC_INCREASE);
            tickUntil(execution, s -> s.phase() == Phase.PROGRESSING);
            ticks(5);
            assertThat(router.canaryWeights()).isEmpty();

            execution.approve(HookType.CONFIRM_TRAFFIC_INCREASE);
            ticks(5);
            assertThat(router.canaryWeights()).containsExactly(5);
            assertThat(execution.status().failedChecks()).isZero();

            execution.approve(HookType.CONFIRM_TRAFFIC_INCREASE);
            ticks(5);
            assertThat(router.canaryWeights()).containsExactly(5, 10);
        }
    }

    @Nested
    class ConfirmPromotion {
        @Test
        void waits_in_waiting_promotion_at_the_ceiling_until_approved() {
            CanaryExecution execution = manual(HookType.CONFIRM_PROMOTION);
            tickUntil(execution, s -> s.phase() == Phase.WAITING_PROMOTION);
            ticks(5);

            assertThat(execution.status().phase()).isEqualTo(Phase.WAITING_PROMOTION);
            assertThat(router.routes(ContractSpecs.seed()).canary()).isEqualTo(50);
            assertThat(target.promotions()).isZero();

            execution.approve(HookType.CONFIRM_PROMOTION);

            assertThat(drive(execution).phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(target.primaryRevision()).isEqualTo("v2");
        }

        @Test
        void a_denial_rolls_back_with_the_reason() {
            CanaryExecution execution = manual(HookType.CONFIRM_PROMOTION);
            tickUntil(execution, s -> s.phase() == Phase.WAITING_PROMOTION);

            execution.deny(HookType.CONFIRM_PROMOTION, "error budget spent");
            CanaryResult result = drive(execution);

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(result.reason()).contains("denied manually: error budget spent");
            assertThat(router.routes(ContractSpecs.seed())).isEqualTo(Routes.PRIMARY_ONLY);
        }

        @Test
        void a_gate_still_waiting_past_its_deadline_rolls_back() {
            CanaryExecution execution = run(withHooks(WebhookSpec.gate("manual", HookType.CONFIRM_PROMOTION)))
                    .manualGate("manual").gateDeadline("manual", Duration.ofMinutes(1)).build().start();
            tickUntil(execution, s -> s.phase() == Phase.WAITING_PROMOTION);

            CanaryResult result = drive(execution);

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(result.reason()).contains("confirm-promotion gate 'manual' still waiting after 1m")
                    .contains("past its deadline of 1m");
        }
    }

    @Nested
    class Rollback {
        @Test
        void abort_rolls_back_a_run_under_analysis() {
            CanaryExecution execution = run(withHooks()).build().start();
            tickUntil(execution, s -> s.canaryWeight() >= 15);

            execution.abort("latency alarm");
            CanaryResult result = drive(execution);

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(router.routes(ContractSpecs.seed())).isEqualTo(Routes.PRIMARY_ONLY);
            assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("latency alarm"));
        }

        @Test
        void approving_a_manual_rollback_hook_rolls_back() {
            CanaryExecution execution = manual(HookType.ROLLBACK);
            tickUntil(execution, s -> s.canaryWeight() >= 15);
            int weight = execution.status().canaryWeight();

            execution.approve(HookType.ROLLBACK);
            CanaryResult result = drive(execution);

            assertThat(weight).isLessThan(50);
            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(result.reason()).contains("rollback hook approved a rollback");
        }
    }

    @Test
    void approving_a_type_without_a_manual_gate_fails_clearly() {
        CanaryExecution execution = run(withHooks()).build().start();

        assertThatThrownBy(() -> execution.approve(HookType.CONFIRM_PROMOTION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no manual gate of type confirm-promotion");
        execution.promoteNow();
        drive(execution);
    }
}
