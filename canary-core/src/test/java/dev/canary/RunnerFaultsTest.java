package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.GateResult;
import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.CanaryException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Phase;
import dev.canary.spec.HookType;
import dev.canary.spec.WebhookSpec;
import dev.canary.testkit.ContractSpecs;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricsProvider;
import dev.canary.spec.Routes;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.HangingCalls;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import dev.canary.testkit.faults.Expect;
import dev.canary.testkit.faults.FaultLedger;
import dev.canary.testkit.faults.FaultReport;
import dev.canary.testkit.faults.Outcome;
import dev.canary.testkit.faults.Trial;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * User code that blocks forever or throws an {@link Error} cannot hang a run or end it with traffic on the
 * canary. Hanging calls are left blocked on threads of their own ({@link HangingCalls}); time is the manual
 * scheduler's. The cases of blocking and throwing user code are rows of the fault-injection suite's table
 * (area {@code user code}).
 */
@ExtendWith(FaultReport.class)
class RunnerFaultsTest {
    private static final CanarySpec SEED = ContractSpecs.seed();
    private static final Duration INTERVAL = SEED.analysis().interval();
    private static final MetricsProvider HEALTHY = query -> MetricResult.value(100);
    private static final int MAX_TICKS = 500;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final HangingCalls calls = new HangingCalls();
    private final FakeRouter router = new FakeRouter();
    private final FakeTarget target = new FakeTarget("v1", "v2");
    private final List<CanaryEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void releaseHangingCalls() {
        calls.close();
    }

    private CanaryRun.Builder run(CanarySpec spec, MetricsProvider metrics) {
        return CanaryRun.builder().spec(spec).router(router).target(target).metrics(metrics)
                .stateStore(new InMemoryStateStore()).clock(clock).scheduler(scheduler).executor(calls)
                .listener(events::add);
    }

    private static CanarySpec withGate(HookType type) {
        return SEED.toBuilder().analysis(SEED.analysis().toBuilder()
                .webhooks(WebhookSpec.gate("gate", type)).build()).build();
    }

    private void tickUntil(CanaryExecution execution, Predicate<RunStatus> condition) {
        for (int i = 0; i < MAX_TICKS && !condition.test(execution.status()); i++) {
            scheduler.runNext();
        }
        assertThat(condition).as("reached within %d ticks", MAX_TICKS).accepts(execution.status());
    }

    private CanaryResult drive(CanaryExecution execution) {
        for (int i = 0; i < MAX_TICKS && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result()).as("the run ended within %d ticks", MAX_TICKS).isDone();
        return execution.result().join();
    }

    /** Records the trial of {@code execution} in the fault ledger and asserts that it went as expected. */
    private static void record(String fault, String variant, Expect expected, CanaryExecution execution,
            Routes routes) {
        Trial trial = FaultLedger.record(new Trial("user code", fault, variant, expected,
                Outcome.of(execution, routes)));
        assertThat(trial.asExpected()).as("%s", trial).isTrue();
    }

    /** Aborts and checks that the run ends rolled back, traffic on the primary, within one interval. */
    private void abortEndsWithinOneInterval(CanaryExecution execution) {
        Instant asked = clock.instant();
        execution.abort("operator stop");
        CanaryResult result = drive(execution);
        assertThat(result.phase()).isEqualTo(Phase.FAILED);
        assertThat(result.reason()).contains("aborted by command: operator stop");
        assertThat(result.status().history()).anySatisfy(r -> assertThat(r.summary()).contains("operator stop"));
        assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
        assertThat(Duration.between(asked, clock.instant())).isLessThanOrEqualTo(INTERVAL);
    }

    @Nested
    class BlockingForever {
        @Test
        void aListenerDoesNotHoldTheRunAndAbortStillEndsIt() {
            AtomicBoolean blocked = new AtomicBoolean();
            CanaryExecution execution = run(SEED, HEALTHY).listener(event -> {
                if (event instanceof CanaryEvent.WeightChanged w && w.to() == 10 && blocked.compareAndSet(false, true)) {
                    calls.hang();
                }
            }).build().start();

            tickUntil(execution, s -> s.canaryWeight() >= 25);
            assertThat(calls.hangs()).isEqualTo(1);
            abortEndsWithinOneInterval(execution);
            record("a listener blocks forever", "at weight 10, then abort()", Expect.ROLLED_BACK, execution, router.routes(SEED));
        }

        @Test
        void aGateDoesNotHoldTheRunAndAbortStillEndsIt() {
            CanaryExecution execution = run(withGate(HookType.CONFIRM_PROMOTION), HEALTHY)
                    .gate("gate", request -> {
                        calls.hang();
                        return GateResult.approve();
                    }).build().start();

            tickUntil(execution, s -> s.phase() == Phase.WAITING_PROMOTION);
            scheduler.runNext();
            scheduler.runNext();
            assertThat(execution.status().phase()).isEqualTo(Phase.WAITING_PROMOTION);
            assertThat(calls.hangs()).as("a busy gate is not called again").isEqualTo(1);
            abortEndsWithinOneInterval(execution);
            record("a gate blocks forever", "confirm-promotion, then abort()", Expect.ROLLED_BACK, execution,
                    router.routes(SEED));
        }

        @Test
        void aMetricsProviderCountsAsFailedChecksAndRollsBack() {
            MetricsProvider hanging = query -> {
                calls.hang();
                return MetricResult.value(100);
            };
            CanaryExecution execution = run(SEED, hanging).build().start();
            CanaryResult result = drive(execution);

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(result.reason()).contains("failed checks threshold reached");
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
            assertThat(calls.hangs()).as("one stuck call per check, not one per tick").isEqualTo(2);
            record("a metrics provider blocks forever", "every query", Expect.ROLLED_BACK, execution, router.routes(SEED));
        }
    }

    @Nested
    class TwoRuns {
        @Test
        void aRunWhoseProviderHangsDoesNotHoldAnotherRun() {
            CanarySpec other = ContractSpecs.seed("other", "demo-canary");
            FakeRouter otherRouter = new FakeRouter();
            CanaryExecution stuck = run(SEED, query -> {
                calls.hang();
                return MetricResult.value(100);
            }).build().start();
            CanaryExecution healthy = CanaryRun.builder().spec(other).router(otherRouter)
                    .target(new FakeTarget("v1", "v2")).metrics(HEALTHY).stateStore(new InMemoryStateStore())
                    .clock(clock).scheduler(scheduler).executor(calls).build().start();

            for (int i = 0; i < MAX_TICKS && !healthy.result().isDone(); i++) {
                scheduler.runNext();
            }

            assertThat(healthy.result()).isDone();
            assertThat(healthy.result().join().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(stuck.status().failedChecks()).isPositive();
            record("another run's metrics provider blocks forever", "the healthy run", Expect.PROMOTED, healthy,
                    otherRouter.routes(other));
        }
    }

    @Nested
    class ThrowingErrors {
        @Test
        void aListenerThrowingAnErrorOnceDoesNotEndTheRun() {
            AtomicBoolean thrown = new AtomicBoolean();
            CanaryExecution execution = run(SEED, HEALTHY).listener(event -> {
                if (event instanceof CanaryEvent.WeightChanged && thrown.compareAndSet(false, true)) {
                    throw new AssertionError("listener bug");
                }
            }).build().start();
            CanaryResult result = drive(execution);

            assertThat(thrown).isTrue();
            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            record("a listener throws an Error once", "AssertionError", Expect.PROMOTED, execution, router.routes(SEED));
        }

        @Test
        void aGateThrowingAnErrorOnceIsAnUnansweredGate() {
            AtomicBoolean thrown = new AtomicBoolean();
            CanaryExecution execution = run(withGate(HookType.CONFIRM_PROMOTION), HEALTHY).gate("gate", request -> {
                if (thrown.compareAndSet(false, true)) {
                    throw new StackOverflowError();
                }
                return GateResult.approve();
            }).build().start();
            CanaryResult result = drive(execution);

            assertThat(thrown).isTrue();
            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(result.status().history()).anySatisfy(r -> assertThat(r.summary())
                    .contains("StackOverflowError"));
            record("a gate throws an Error once", "StackOverflowError, confirm-promotion", Expect.PROMOTED,
                    execution, router.routes(SEED));
        }

        @Test
        void aMetricsProviderThrowingAnErrorIsAFailedCheck() {
            CanaryExecution execution = run(SEED, query -> {
                throw new StackOverflowError();
            }).build().start();
            CanaryResult result = drive(execution);

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
            record("a metrics provider throws an Error", "StackOverflowError on every query", Expect.ROLLED_BACK,
                    execution, router.routes(SEED));
        }
    }

    @Nested
    class UnexpectedStop {
        @Test
        void aRunWhoseSchedulerIsGoneReturnsAllTrafficToThePrimaryFirst() {
            CanaryExecution execution = run(SEED, HEALTHY).build().start();
            tickUntil(execution, s -> s.canaryWeight() >= 20);

            scheduler.shutdown();
            execution.abort("scheduler gone");

            assertThat(execution.result()).failsWithin(Duration.ofSeconds(30));
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void aFailingRolloutHookIsAWarningEventNotOnlyHistory() {
            CanaryExecution execution = run(withGate(HookType.ROLLOUT), HEALTHY)
                    .gate("gate", request -> GateResult.deny("load test failed")).build().start();
            tickUntil(execution, s -> s.failedChecks() >= 2);

            assertThat(events).anySatisfy(e -> {
                assertThat(e.severity()).isEqualTo(dev.canary.spec.Severity.WARN);
                assertThat(e.message()).contains("rollout webhook failed").contains("load test failed");
            });
        }

        @Test
        void aBoundedRunThatDoesNotEndInTimeIsStoppedAndSaysWhere() {
            CanaryRun run = run(SEED, HEALTHY).build();

            assertThatThrownBy(() -> run.run(Duration.ofMillis(50))).isInstanceOf(CanaryException.class)
                    .hasMessageContaining("did not end within PT0.05S").hasMessageContaining("Initializing");
            assertThat(scheduler.pendingTasks()).as("no tick left scheduled").isZero();
        }

        @Test
        void closeStopsTheRunKeepsItsStateAndEndsTheResult() {
            CanaryExecution execution = run(SEED, HEALTHY).build().start();
            tickUntil(execution, s -> s.canaryWeight() >= 15);
            int pending = scheduler.pendingTasks();

            execution.close();

            assertThat(pending).isPositive();
            assertThat(scheduler.pendingTasks()).isZero();
            assertThat(execution.result()).isCompletedExceptionally();
            assertThat(router.routes(SEED).canary()).isEqualTo(15);
        }
    }
}
