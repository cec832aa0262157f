package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spi.RunLease;
import dev.canary.spi.StateStore;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CanaryFleetTest {
    private static final int CANARIES = 12;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final StateStore store = new InMemoryStateStore();
    private final Leases leases = new Leases(clock, Duration.ofSeconds(30));
    private final List<FakeRouter> routers = IntStream.range(0, CANARIES).mapToObj(i -> new FakeRouter()).toList();
    private final List<FakeTarget> targets = IntStream.range(0, CANARIES)
            .mapToObj(i -> new FakeTarget("v1", "v2")).toList();

    @AfterEach
    void stopPool() {
        io.shutdownNow();
    }

    /** Leases kept in memory, shared by the replicas of a test; each lease lasts {@code duration}. */
    static final class Leases {
        private final Clock clock;
        private final Duration duration;
        private final Map<String, String> holders = new HashMap<>();
        private final Map<String, Instant> renewed = new HashMap<>();
        private int listings;

        Leases(Clock clock, Duration duration) {
            this.clock = clock;
            this.duration = duration;
        }

        RunLease as(String identity) {
            return new RunLease() {
                @Override
                public Optional<Instant> acquire(String key) {
                    synchronized (Leases.this) {
                        Instant now = clock.instant();
                        String holder = holders.get(key);
                        if (holder != null && !holder.equals(identity)
                                && now.isBefore(renewed.get(key).plus(duration))) {
                            return Optional.empty();
                        }
                        holders.put(key, identity);
                        renewed.put(key, now);
                        return Optional.of(now.plus(duration).minusSeconds(5));
                    }
                }

                @Override
                public void release(String key) {
                    synchronized (Leases.this) {
                        holders.remove(key, identity);
                    }
                }

                @Override
                public java.util.Set<String> heldElsewhere(java.util.Collection<String> keys) {
                    synchronized (Leases.this) {
                        listings++;
                        Instant now = clock.instant();
                        return keys.stream().filter(key -> holders.get(key) != null
                                && !holders.get(key).equals(identity)
                                && now.isBefore(renewed.get(key).plus(duration))).collect(
                                        java.util.stream.Collectors.toSet());
                    }
                }
            };
        }
    }

    private CanaryFleet.Builder fleet(String identity) {
        return fleet(leases.as(identity));
    }

    private CanaryFleet.Builder fleet(RunLease lease) {
        CanaryFleet.Builder builder = CanaryFleet.builder().lease(lease).stateStore(store).clock(clock)
                .scheduler(scheduler).executor(scheduler);
        for (int i = 0; i < CANARIES; i++) {
            builder.canary(CanaryRun.builder().spec(ContractSpecs.seed("app-" + i, "fleet")).router(routers.get(i))
                    .target(targets.get(i)).metrics(query -> MetricResult.value(100)));
        }
        return builder;
    }

    private static boolean done(CanaryFleet fleet) {
        return fleet.results().values().stream().allMatch(CompletableFuture::isDone);
    }

    private void runUntil(java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < 20_000 && !condition.getAsBoolean(); i++) {
            scheduler.runNext();
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Nested
    class Polls {
        @Test
        void aReplicaReadsTheLeasesTogetherAndTriesOnlyThoseNoOtherReplicaHolds() {
            CanaryFleet a = fleet("a").build();
            a.start();
            scheduler.runDueTasks();
            assertThat(a.running()).hasSize(CANARIES);
            RunLease b = leases.as("b");
            java.util.concurrent.atomic.AtomicInteger tried = new java.util.concurrent.atomic.AtomicInteger();
            RunLease counted = new RunLease() {
                @Override
                public Optional<Instant> acquire(String key) {
                    tried.incrementAndGet();
                    return b.acquire(key);
                }

                @Override
                public void release(String key) {
                    b.release(key);
                }

                @Override
                public java.util.Set<String> heldElsewhere(java.util.Collection<String> keys) {
                    return b.heldElsewhere(keys);
                }
            };
            int listedBefore = leases.listings;

            CanaryFleet other = fleet(counted).build();
            other.start();
            scheduler.advance(CanaryFleet.DEFAULT_POLL_INTERVAL.multipliedBy(3));

            assertThat(leases.listings - listedBefore).as("one read of all leases per poll").isGreaterThanOrEqualTo(3);
            assertThat(tried).as("no lease that replica a holds is tried").hasValue(0);
            assertThat(other.running()).isEmpty();
        }
    }

    @Nested
    class TwoReplicas {
        @Test
        void shareTheCanariesUpToTheirCapacityAndEachCanaryIsPromotedOnce() {
            CanaryFleet a = fleet("a").maxRuns(CANARIES / 2).build();
            CanaryFleet b = fleet("b").maxRuns(CANARIES / 2).build();
            a.start();
            b.start();
            scheduler.runDueTasks();
            assertThat(a.running()).hasSize(CANARIES / 2);
            assertThat(b.running()).hasSize(CANARIES / 2);
            assertThat(a.running().keySet()).doesNotContainAnyElementsOf(b.running().keySet());

            runUntil(() -> done(a) && done(b));

            assertThat(targets).allSatisfy(t -> assertThat(t.promotions()).isEqualTo(1));
            for (String key : a.results().keySet()) {
                CanaryResult here = a.results().get(key).join();
                CanaryResult there = b.results().get(key).join();
                assertThat(List.of(here.phase(), there.phase())).containsOnly(Phase.SUCCEEDED);
                assertThat(List.of(here.reason(), there.reason()))
                        .filteredOn(r -> r.startsWith("ended on another replica")).hasSize(1);
            }
        }

        @Test
        void aReplicaThatFindsAnEndWhoseActionsWereNotAppliedAppliesThemBeforeReportingIt() {
            CanaryFleet b = fleet("b").build();
            b.start();
            // meanwhile another replica promoted app-0, stored the end and died before scaling the canary down
            Instant at = clock.instant();
            dev.canary.spec.CanarySpec spec = ContractSpecs.seed("app-0", "fleet");
            targets.get(0).initialize(spec);
            targets.get(0).scaleCanaryUp(spec);
            targets.get(0).promote(spec);
            store.save("fleet/app-0", dev.canary.internal.StateCodec.stored(dev.canary.engine.RunState.initial()
                    .toBuilder().phase(Phase.SUCCEEDED).lastAppliedRevision("v2").lastPromotedRevision("v2")
                    .phaseSince(at).ticks(12)
                    .history(List.of(new dev.canary.spec.DecisionRecord(12, at, Phase.SUCCEEDED, 0, 0,
                            "promotion complete", List.of())))
                    .pendingActions(List.of(new dev.canary.engine.Action.ScaleCanaryDown())).build()));

            runUntil(() -> b.results().get("fleet/app-0").isDone());

            assertThat(b.results().get("fleet/app-0").join().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(targets.get(0).canaryReplicas()).as("the canary scaled down").isZero();
            assertThat(targets.get(0).promotions()).as("promoted once").isEqualTo(1);
            assertThat(routers.get(0).routes(spec).canary()).isZero();
        }

        @Test
        void aReplicaWithoutCapacityTakesNothingUntilItsRunsEnd() {
            CanaryFleet a = fleet("a").maxRuns(1).build();
            a.start();
            scheduler.runDueTasks();
            assertThat(a.running()).hasSize(1);
            runUntil(() -> done(a));
            assertThat(routers).allSatisfy(r -> assertThat(r.canaryWeights()).endsWith(50, 0));
        }
    }

    @Nested
    class Building {
        @Test
        void needsASharedLeaseAndStateStore() {
            assertThatThrownBy(() -> CanaryFleet.builder().stateStore(store).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("lease");
        }

        @Test
        void refusesTheSameCanaryTwice() {
            CanaryFleet.Builder builder = fleet("a").canary(CanaryRun.builder()
                    .spec(ContractSpecs.seed("app-0", "fleet")).router(new FakeRouter()).target(targets.get(0))
                    .metrics(query -> MetricResult.value(100)));
            assertThatThrownBy(builder::build).hasMessageContaining("fleet/app-0").hasMessageContaining("twice");
        }

        @Test
        void refusesANonPositivePollIntervalAndCapacity() {
            assertThatThrownBy(() -> CanaryFleet.builder().pollInterval(Duration.ZERO))
                    .hasMessage("pollInterval must be positive but was PT0S");
            assertThatThrownBy(() -> CanaryFleet.builder().maxRuns(0))
                    .hasMessage("maxRuns must be at least 1 but was 0");
        }
    }
}
