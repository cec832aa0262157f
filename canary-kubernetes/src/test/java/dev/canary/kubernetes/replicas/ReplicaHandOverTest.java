package dev.canary.kubernetes.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.engine.RunState;
import dev.canary.internal.StateCodec;
import dev.canary.kubernetes.KubernetesStateStore;
import dev.canary.kubernetes.replicas.Replica.Point;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.Phase;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Replicas of a service running the same canary through a Kubernetes Lease and the Kubernetes state store, on
 * the fabric8 mock server in CRUD mode; the holder is killed (its scheduler stops, the lease is not released)
 * and another replica must take over once the lease expires and continue the stored run.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ReplicaHandOverTest {
    private static final String NS = "demo-canary";
    private static final List<Integer> HEALTHY_WEIGHTS = List.of(5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 0);
    private static final int MAX_STEPS = 2_000;

    KubernetesMockServer server;
    KubernetesClient client;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);

    private Replica replica(String identity) {
        return new Replica(identity, client, clock, scheduler);
    }

    private void runUntil(BooleanSupplier done, String what) {
        for (int i = 0; i < MAX_STEPS && !done.getAsBoolean(); i++) {
            if (!scheduler.runNext()) {
                break;
            }
        }
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }

    private RunState stored(World world) {
        return StateCodec.decode(new KubernetesStateStore(client).load(world.key()).orElseThrow().document());
    }

    private static Instant firstDecision(RunState state) {
        return state.history().get(0).at();
    }

    @Nested
    class TwoReplicas {
        @Test
        void aStandbyStartedBeforeTheFirstSaveContinuesTheStoredRunWhenTheHolderDies() {
            World world = new World(ContractSpecs.seed("podinfo", NS), true, 3);
            Replica a = replica("replica-a");
            Replica b = replica("replica-b");
            a.start(world);
            CanaryExecution standby = b.start(world);
            runUntil(() -> world.router.routes(world.spec).canary() == 30, "the holder reached weight 30");
            RunState beforeKill = stored(world);
            a.kill();

            runUntil(() -> standby.result().isDone(), "the standby finished the run");

            CanaryResult result = standby.result().join();
            RunState end = stored(world);
            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(world.router.canaryWeights()).isEqualTo(HEALTHY_WEIGHTS);
            assertThat(end.failedChecks()).as("failed checks kept").isEqualTo(3);
            assertThat(firstDecision(end)).as("history kept").isEqualTo(firstDecision(beforeKill));
            assertThat(end.history().stream().map(DecisionRecord::tick).toList()).isSorted().doesNotHaveDuplicates();
            assertThat(world.problems()).isEmpty();
            assertThat(world.acts()).extracting(World.Act::replica).contains("replica-a", "replica-b");
            assertThat(world.endings()).hasSize(1);
        }

        @Test
        void aStandbyThatLoadedAnOlderStateTakesOverWithoutReplayingItsStaleActions() {
            World world = new World(ContractSpecs.seed("podinfo", NS), true, 0);
            Replica a = replica("replica-a");
            Replica b = replica("replica-b");
            a.start(world);
            runUntil(() -> world.router.routes(world.spec).canary() == 20, "the holder reached weight 20");
            CanaryExecution standby = b.start(world);
            runUntil(() -> world.router.routes(world.spec).canary() == 30, "the holder reached weight 30");
            a.kill();

            runUntil(() -> standby.result().isDone(), "the standby finished the run");

            assertThat(standby.result().join().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(world.router.canaryWeights()).as("never back to an older weight").isEqualTo(HEALTHY_WEIGHTS);
            assertThat(world.problems()).isEmpty();
            assertThat(world.endings()).hasSize(1);
        }

        @Test
        void theReplicaWithoutTheLeaseNeverWritesNorActs() {
            World world = new World(ContractSpecs.seed("podinfo", NS), true, 0);
            Replica a = replica("replica-a");
            Replica b = replica("replica-b");
            CanaryExecution holder = a.start(world);
            CanaryExecution standby = b.start(world);

            runUntil(() -> holder.result().isDone(), "the holder finished the run");
            runUntil(() -> standby.result().isDone(), "the standby saw the run end");

            assertThat(world.acts()).extracting(World.Act::replica).containsOnly("replica-a");
            assertThat(standby.result().join().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(world.endings()).hasSize(1);
            assertThat(world.router.canaryWeights()).isEqualTo(HEALTHY_WEIGHTS);
        }
    }

    @Nested
    class AStalledHolder {
        private void stallsAt(Point point) {
            World world = new World(ContractSpecs.seed("podinfo", NS), true, 0);
            Replica a = replica("replica-a");
            Replica b = replica("replica-b");
            CanaryExecution holder = a.start(world);
            CanaryExecution standby = b.start(world);
            runUntil(() -> world.router.routes(world.spec).canary() == 20, "the holder reached weight 20");
            a.stallAt(point, Replica.LEASE.multipliedBy(2));

            runUntil(() -> holder.result().isDone() && standby.result().isDone(), "both saw the run end");

            assertThat(world.router.canaryWeights()).isEqualTo(HEALTHY_WEIGHTS);
            assertThat(world.problems()).isEmpty();
            assertThat(world.endings()).hasSize(1);
            assertThat(world.acts()).extracting(World.Act::replica).contains("replica-b");
            assertThat(holder.result().join().phase()).isEqualTo(Phase.SUCCEEDED);
        }

        @Test
        void whileObservingDropsItsDecisionAndLetsTheOtherContinue() {
            stallsAt(Point.OBSERVE);
        }

        @Test
        void whileSavingDoesNotActAndTheOtherAppliesWhatItSaved() {
            stallsAt(Point.SAVE);
        }
    }

    @Nested
    class OneReplica {
        @Test
        void aLeaseRenewedAtTheLastInstantItWasValidContinuesWithoutReplayingActions() {
            World world = new World(ContractSpecs.seed("podinfo", NS), true, 0);
            Replica only = new Replica("replica-a", client, clock, scheduler, Duration.ofSeconds(15),
                    Duration.ofSeconds(5));
            CanaryExecution run = only.start(world);

            runUntil(() -> run.result().isDone(), "the run ended");

            List<String> writes = world.acts().stream().map(World.Act::what)
                    .filter(what -> !what.startsWith("save") && !what.equals("reconcile")).toList();
            assertThat(writes).as("each action applied once").doesNotHaveDuplicates();
            assertThat(world.router.canaryWeights()).isEqualTo(HEALTHY_WEIGHTS);
        }
    }

    @Nested
    class ThreeReplicasKilledAtRandomPoints {
        @Test
        void everyRunEndsOnceWithItsHistoryAndNoReplicaActsWithoutTheLease() {
            Random random = new Random(20261126L);
            List<String> report = new ArrayList<>();
            for (int trial = 0; trial < 8; trial++) {
                report.add(trial(trial, random));
            }
            report.forEach(System.out::println);
            assertThat(report).allSatisfy(line -> assertThat(line).endsWith("ok"));
        }

        private String trial(int trial, Random random) {
            boolean healthy = trial % 2 == 0;
            World world = new World(ContractSpecs.seed("podinfo-" + trial, NS), healthy, 0);
            List<Replica> replicas = IntStream.range(0, 3).mapToObj(i -> replica("t" + trial + "-r" + i)).toList();
            List<CanaryExecution> executions = new ArrayList<>();
            Instant started = clock.instant();
            executions.add(replicas.get(0).start(world));
            int[] startAfter = {0, random.nextInt(6), random.nextInt(12)};
            int kills = 0;
            List<String> killed = new ArrayList<>();
            int[] killAfter = {2 + random.nextInt(6), 4 + random.nextInt(10)};
            for (int step = 0; step < MAX_STEPS && !finished(executions, replicas); step++) {
                int acts = world.acts().size();
                boolean ended = executions.stream().anyMatch(e -> e.result().isDone());
                for (int i = executions.size(); !ended && i < 3 && startAfter[i] <= acts; i++) {
                    executions.add(replicas.get(i).start(world));
                }
                if (kills < 2 && acts >= killAfter[kills] && executions.size() >= 2 + kills) {
                    Replica holder = replicas.stream().filter(r -> r.holds(world.key())).findFirst().orElse(null);
                    if (holder != null && !holder.killed()) {
                        Point point = random.nextInt(4) == 3 ? null : Point.values()[random.nextInt(3)];
                        if (point == null) {
                            holder.kill();
                        } else {
                            holder.killAt(point);
                        }
                        killed.add(holder + (point == null ? " between ticks" : " at " + point));
                        kills++;
                        killAfter[1] = Math.max(killAfter[1], acts + 1 + random.nextInt(8));
                    }
                }
                scheduler.runNext();
            }
            RunState end = stored(world);
            assertThat(finished(executions, replicas)).as("trial %d ended", trial).isTrue();
            assertThat(end.phase()).isEqualTo(healthy ? Phase.SUCCEEDED : Phase.FAILED);
            assertThat(world.router.canaryWeights()).as("trial %d weights", trial)
                    .isEqualTo(healthy ? HEALTHY_WEIGHTS : List.of(5, 0));
            if (!healthy) {
                assertThat(end.failedChecks()).as("trial %d failed checks", trial).isEqualTo(10);
            }
            assertThat(firstDecision(end)).as("trial %d history from the first tick", trial).isEqualTo(started);
            assertThat(world.problems()).as("trial %d", trial).isEmpty();
            assertThat(world.endings()).as("trial %d ends once", trial).hasSize(1);
            List<String> died = killed.stream().filter(k -> replicas.stream()
                    .anyMatch(r -> r.killed() && k.startsWith(r.identity))).toList();
            return "trial " + trial + (healthy ? " healthy" : " failing") + ": killed " + died + ", "
                    + world.acts().size() + " acts, ok";
        }

        private boolean finished(List<CanaryExecution> executions, List<Replica> replicas) {
            boolean anyDone = false;
            for (int i = 0; i < executions.size(); i++) {
                if (replicas.get(i).killed()) {
                    continue;
                }
                if (!executions.get(i).result().isDone()) {
                    return false;
                }
                anyDone = true;
            }
            return anyDone;
        }
    }
}
