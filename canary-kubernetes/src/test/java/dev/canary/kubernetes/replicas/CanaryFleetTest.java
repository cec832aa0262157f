package dev.canary.kubernetes.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryFleet;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.Phase;
import dev.canary.spec.ServiceSpec;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Three replicas of a service, each with a {@link CanaryFleet} of the same 200 canaries over its own
 * {@code KubernetesLease} identity and {@code KubernetesStateStore}, on the fabric8 mock server in CRUD mode.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class CanaryFleetTest {
    private static final String NS = "fleet";
    private static final int CANARIES = 200;
    private static final int REPLICAS = 3;
    private static final Duration POLL = Duration.ofSeconds(10);
    private static final int MAX_STEPS = 200_000;

    KubernetesMockServer server;
    KubernetesClient client;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);

    /** Interval 10 s, two steps of 25 %, one check. */
    private static CanarySpec spec(int i) {
        String name = "app-" + i;
        return CanarySpec.builder(name).namespace(NS).service(ServiceSpec.of(name, 80))
                .progressDeadline(Duration.ofSeconds(60))
                .analysis(AnalysisSpec.builder().interval(Duration.ofSeconds(10)).threshold(2).maxWeight(50)
                        .stepWeight(25).metrics(MetricCheck.successRate(99)).build())
                .build();
    }

    private CanaryFleet fleet(Replica replica, List<World> worlds) {
        CanaryFleet.Builder builder = CanaryFleet.builder().lease(replica.lease).stateStore(replica.store())
                .clock(clock).scheduler(replica.scheduler).executor(replica.executor).pollInterval(POLL)
                .maxRuns(CANARIES / 2);
        worlds.forEach(world -> builder.canary(replica.run(world)));
        return builder.build();
    }

    private void runUntil(BooleanSupplier done, String what) {
        for (int i = 0; i < MAX_STEPS && !done.getAsBoolean(); i++) {
            if (!scheduler.runNext()) {
                break;
            }
        }
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }

    private static boolean allDone(CanaryFleet fleet) {
        return fleet.results().values().stream().allMatch(CompletableFuture::isDone);
    }

    @Test
    void everyCanaryEndsExactlyOnceAndTheOthersFinishTheWorkOfAReplicaKilledMidTickWithinLeasePlusOnePoll() {
        List<World> worlds = IntStream.range(0, CANARIES).mapToObj(i -> new World(spec(i), true, 0)).toList();
        List<Replica> replicas = IntStream.range(0, REPLICAS)
                .mapToObj(i -> new Replica("replica-" + i, client, clock, scheduler).checkHolder(false)).toList();
        List<CanaryFleet> fleets = replicas.stream().map(r -> fleet(r, worlds)).toList();
        fleets.forEach(CanaryFleet::start);

        runUntil(() -> worlds.stream().filter(w -> w.router.routes(w.spec).canary() == 25).count() >= CANARIES / 4,
                "a quarter of the canaries at 25 %");
        Replica victim = replicas.stream().filter(r -> !fleets.get(replicas.indexOf(r)).running().isEmpty())
                .findFirst().orElseThrow();
        int victimRuns = fleets.get(replicas.indexOf(victim)).running().size();
        victim.killAt(Replica.Point.ACT);

        List<CanaryFleet> survivors = new ArrayList<>(fleets);
        survivors.remove(replicas.indexOf(victim));
        runUntil(victim::killed, "the victim died applying the actions of a saved decision");
        runUntil(() -> survivors.stream().allMatch(CanaryFleetTest::allDone), "the survivors saw every canary end");

        int takenOver = 0;
        Duration slowest = Duration.ZERO;
        for (World world : worlds) {
            assertThat(world.problems()).as(world.key()).isEmpty();
            assertThat(world.endings()).as("%s ends once", world.key()).hasSize(1);
            assertThat(world.router.canaryWeights()).as(world.key()).containsExactly(25, 50, 0);
            assertThat(world.target.promotions()).as(world.key()).isEqualTo(1);
            List<World.Act> acts = world.acts();
            Instant lastByVictim = acts.stream().filter(a -> a.replica().equals(victim.identity))
                    .map(World.Act::at).reduce((a, b) -> b).orElse(null);
            Instant firstByOther = lastByVictim == null ? null : acts.stream()
                    .filter(a -> !a.replica().equals(victim.identity) && a.at().isAfter(lastByVictim))
                    .map(World.Act::at).findFirst().orElse(null);
            if (firstByOther != null) {
                takenOver++;
                Duration takeover = Duration.between(lastByVictim, firstByOther);
                slowest = takeover.compareTo(slowest) > 0 ? takeover : slowest;
            }
        }
        for (CanaryFleet fleet : survivors) {
            assertThat(fleet.results().values()).allSatisfy(
                    f -> assertThat(f.join().phase()).isEqualTo(Phase.SUCCEEDED));
        }
        long endedHere = survivors.stream().flatMap(f -> f.results().values().stream()).map(CompletableFuture::join)
                .filter(r -> !r.reason().startsWith("ended on another replica")).count();
        assertThat(victimRuns).isPositive();
        assertThat(takenOver).isPositive();
        assertThat(slowest).isLessThanOrEqualTo(Replica.LEASE.plus(POLL));
        System.out.printf("fleet: %d canaries, %d replicas, %d runs on the killed replica, %d taken over"
                + " (slowest takeover %s), %d results ended here, %d requests%n", CANARIES, REPLICAS, victimRuns,
                takenOver, slowest, endedHere, server.getRequestCount());
    }
}
