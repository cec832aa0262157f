package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spi.RunLease;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A process that loses its lease in the middle of a tick's actions (a long pause inside one of them) stops acting
 * after the action under way; the rest are applied once it holds the lease again.
 */
class LeaseLostMidTickTest {
    /** Shorter than the interval (10s), so that a pause past it still answers within the action's deadline. */
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final int MAX_TASKS = 500;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeTarget target = new FakeTarget("v1", "v2");
    private volatile boolean leaseLost;
    private volatile boolean pauseInRollback = true;

    /** Held for {@link #LEASE} from each renewal, until {@link #leaseLost}. */
    private final RunLease lease = new RunLease() {
        @Override
        public Optional<Instant> acquire(String key) {
            return leaseLost ? Optional.empty() : Optional.of(clock.instant().plus(LEASE));
        }

        @Override
        public void release(String key) {
        }
    };

    /** Pauses past the lease while it returns the traffic to the primary, and another process takes over. */
    private final FakeRouter router = new FakeRouter() {
        @Override
        public synchronized void setRoutes(CanarySpec spec, Routes routes) {
            super.setRoutes(spec, routes);
            if (routes.equals(Routes.PRIMARY_ONLY) && target.canaryReplicas() > 0 && pauseInRollback) {
                pauseInRollback = false;
                leaseLost = true;
                clock.advance(LEASE.plusSeconds(1));
            }
        }
    };

    @Test
    void aReplicaThatLostTheLeaseMidTickStopsAfterTheCurrentActionAndTheRestIsAppliedUnderTheLease() {
        CanarySpec seed = ContractSpecs.seed();
        CanarySpec spec = seed.toBuilder().analysis(seed.analysis().toBuilder().threshold(2).build()).build();
        CanaryExecution execution = CanaryRun.builder().spec(spec).router(router).target(target)
                .metrics(query -> MetricResult.value(query.check().name().equals("request-success-rate") ? 90 : 100))
                .stateStore(new InMemoryStateStore()).lease(lease).clock(clock).scheduler(scheduler)
                .executor(scheduler).build().start();
        for (int i = 0; i < MAX_TASKS && !leaseLost; i++) {
            scheduler.runNext();
        }
        for (int i = 0; i < 20; i++) {
            scheduler.runNext();
        }

        assertThat(leaseLost).as("the rollback started").isTrue();
        assertThat(router.routes(spec)).isEqualTo(Routes.PRIMARY_ONLY);
        assertThat(target.canaryReplicas()).as("the scale-down after the lost lease was not applied").isPositive();
        assertThat(execution.result()).isNotDone();

        leaseLost = false;
        for (int i = 0; i < MAX_TASKS && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result()).isDone();
        assertThat(execution.result().join().phase()).isEqualTo(Phase.FAILED);
        assertThat(target.canaryReplicas()).isZero();
        assertThat(router.routes(spec)).isEqualTo(Routes.PRIMARY_ONLY);
    }
}
