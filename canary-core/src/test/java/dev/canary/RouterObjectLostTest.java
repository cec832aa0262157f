package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spec.Severity;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import dev.canary.testkit.faults.Expect;
import dev.canary.testkit.faults.FaultLedger;
import dev.canary.testkit.faults.FaultReport;
import dev.canary.testkit.faults.Outcome;
import dev.canary.testkit.faults.Trial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A routing object deleted or made unreadable by someone else in the middle of a run; rows of the fault-injection
 * suite's table (area {@code router}).
 */
@ExtendWith(FaultReport.class)
class RouterObjectLostTest {
    private static final CanarySpec SEED = ContractSpecs.seed();
    private static final int MAX_TICKS = 500;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final LosableRouter router = new LosableRouter();
    private final List<CanaryEvent> events = new ArrayList<>();

    /** A router whose object can be deleted (reads fail until reconcile creates it again) or made unreadable. */
    static final class LosableRouter extends FakeRouter {
        private boolean deleted;
        private boolean unreadable;

        synchronized void delete() {
            deleted = true;
        }

        synchronized void unreadable(boolean value) {
            unreadable = value;
        }

        @Override
        public synchronized void reconcile(CanarySpec spec) {
            if (unreadable) {
                throw new ProviderException("fake-router", "403 forbidden");
            }
            if (deleted) {
                deleted = false;
                setRoutes(spec, Routes.PRIMARY_ONLY);
            }
            super.reconcile(spec);
        }

        @Override
        public synchronized Routes routes(CanarySpec spec) {
            if (unreadable) {
                throw new ProviderException("fake-router", "403 forbidden");
            }
            if (deleted) {
                throw new ProviderException("fake-router", "the routing object does not exist; reconcile creates it");
            }
            return super.routes(spec);
        }
    }

    private CanaryExecution start() {
        return CanaryRun.builder().spec(SEED).router(router).target(new FakeTarget("v1", "v2"))
                .metrics(query -> MetricResult.value(100)).stateStore(new InMemoryStateStore()).clock(clock)
                .scheduler(scheduler).executor(scheduler).listener(events::add).build().start();
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

    private static void record(String fault, Expect expected, CanaryExecution execution, Routes routes) {
        Trial trial = FaultLedger.record(new Trial("router", fault, "at weight 20", expected,
                Outcome.of(execution, routes)));
        assertThat(trial.asExpected()).as("%s", trial).isTrue();
    }

    @Nested
    class Deleted {
        @Test
        void isCreatedAgainAndTheRunGoesOn() {
            CanaryExecution execution = start();
            tickUntil(execution, s -> s.canaryWeight() >= 20);
            int reconciles = router.reconciles();

            router.delete();
            CanaryResult result = drive(execution);

            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(router.reconciles()).isGreaterThan(reconciles);
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
            record("routing object deleted by another actor", Expect.PROMOTED, execution, router.routes(SEED));
        }
    }

    @Nested
    class Unreadable {
        @Test
        void pastTheProgressDeadlineIsRolledBackWithAnAlert() {
            CanaryExecution execution = start();
            tickUntil(execution, s -> s.canaryWeight() >= 20);

            router.unreadable(true);
            tickUntil(execution, s -> s.rollbackPending() != null);

            assertThat(execution.status().rollbackPending()).contains("past progressDeadline 1m")
                    .contains("403 forbidden");
            assertThat(router.applied()).last().isEqualTo(Routes.PRIMARY_ONLY);
            assertThat(events).anySatisfy(e -> {
                assertThat(e.severity()).isEqualTo(Severity.ERROR);
                assertThat(e.message()).contains("rolling back: ticks failing since");
            });

            router.unreadable(false);
            CanaryResult result = drive(execution);
            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(result.reason()).contains("past progressDeadline");
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
            record("routing object unreadable (403) past the progress deadline", Expect.ROLLED_BACK, execution,
                    router.routes(SEED));
        }
    }
}
