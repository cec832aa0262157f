package dev.canary.kubernetes.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryExecution;
import dev.canary.engine.RunState;
import dev.canary.internal.StateCodec;
import dev.canary.kubernetes.KubernetesStateStore;
import dev.canary.kubernetes.replicas.Replica.Point;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Phase;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import dev.canary.testkit.faults.Expect;
import dev.canary.testkit.faults.FaultLedger;
import dev.canary.testkit.faults.FaultReport;
import dev.canary.testkit.faults.Outcome;
import dev.canary.testkit.faults.Trial;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replica hand-over in the fault-injection suite: the holder of a canary's Kubernetes Lease dies or stalls, and
 * the other replicas must continue the stored run. A trial is a lost run when it does not end exactly once, or
 * ends with other weights, failed checks or history than an uninterrupted run would have; every trial also
 * checks that no replica wrote or acted without holding the lease.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@ExtendWith(FaultReport.class)
class ReplicaFaultsTest {
    private static final String NS = "replica-faults";
    private static final List<Integer> HEALTHY = List.of(5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 0);
    private static final List<Integer> FAILING = List.of(5, 0);
    private static final int MAX_STEPS = 2_000;

    KubernetesMockServer server;
    KubernetesClient client;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private int canaries;

    private World world(boolean healthy, int badSuccessRates) {
        return new World(ContractSpecs.seed("app-" + canaries++, NS), healthy, badSuccessRates);
    }

    private Replica replica(World world, int i) {
        return new Replica(world.spec.name() + "-r" + i, client, clock, scheduler);
    }

    private boolean runUntil(BooleanSupplier done) {
        for (int i = 0; i < MAX_STEPS && !done.getAsBoolean(); i++) {
            scheduler.runNext();
        }
        return done.getAsBoolean();
    }

    private BooleanSupplier weight(World world, int weight) {
        return () -> world.router.routes(world.spec).canary() == weight;
    }

    /** What became of the run of {@code world}, measured against an uninterrupted run. */
    private Outcome outcome(World world, boolean ended, Instant started, List<Integer> weights, int failedChecks) {
        RunState end = new KubernetesStateStore(client).load(world.key())
                .map(run -> StateCodec.decode(run.document())).orElse(RunState.initial());
        boolean continued = world.endings().size() == 1 && world.router.canaryWeights().equals(weights)
                && !end.history().isEmpty() && end.history().get(0).at().equals(started)
                && end.failedChecks() == failedChecks;
        String detail = "weights " + world.router.canaryWeights() + ", " + end.failedChecks() + " failed checks, "
                + world.endings().size() + " endings, " + world.acts().size() + " writes, problems "
                + world.problems();
        return new Outcome(ended && end.phase() == Phase.SUCCEEDED && world.target.promotions() == 1,
                ended && end.phase() == Phase.FAILED, !continued, !ended,
                ended && world.router.routes(world.spec).canary() > 0, 0, detail);
    }

    private void record(String fault, String variant, Expect expected, World world, Outcome outcome) {
        Trial trial = FaultLedger.record(new Trial("replicas", fault, variant, expected, outcome));
        assertThat(trial.asExpected()).as("%s", trial).isTrue();
        assertThat(world.problems()).as("%s", trial).isEmpty();
    }

    @Test
    void aStandbyStartedBeforeTheFirstSaveContinuesTheRunOfADeadHolder() {
        for (int weight : new int[] {10, 30, 45}) {
            World world = world(true, 3);
            Instant started = clock.instant();
            Replica holder = replica(world, 0);
            holder.start(world);
            CanaryExecution standby = replica(world, 1).start(world);
            runUntil(weight(world, weight));
            holder.kill();
            record("holder dies; standby started before its first save", "dies at " + weight + " %",
                    Expect.PROMOTED, world, outcome(world, runUntil(standby.result()::isDone), started, HEALTHY, 3));
        }
    }

    @Test
    void aStandbyThatLoadedAnOlderStateTakesOverWithoutReplayingIt() {
        for (int[] weights : new int[][] {{5, 15}, {10, 30}, {20, 45}}) {
            World world = world(true, 0);
            Instant started = clock.instant();
            Replica holder = replica(world, 0);
            holder.start(world);
            runUntil(weight(world, weights[0]));
            CanaryExecution standby = replica(world, 1).start(world);
            runUntil(weight(world, weights[1]));
            holder.kill();
            record("holder dies; standby loaded an older state", "loaded at " + weights[0] + " %, holder dies at "
                    + weights[1] + " %", Expect.PROMOTED, world,
                    outcome(world, runUntil(standby.result()::isDone), started, HEALTHY, 0));
        }
    }

    @Test
    void aHolderStalledPastItsLeaseNeverActsAgain() {
        for (Point point : new Point[] {Point.OBSERVE, Point.SAVE}) {
            World world = world(true, 0);
            Instant started = clock.instant();
            Replica holder = replica(world, 0);
            CanaryExecution stalled = holder.start(world);
            CanaryExecution standby = replica(world, 1).start(world);
            runUntil(weight(world, 20));
            holder.stallAt(point, Replica.LEASE.multipliedBy(2));
            boolean ended = runUntil(() -> stalled.result().isDone() && standby.result().isDone());
            record("holder stalls for twice the lease", "while " + (point == Point.OBSERVE ? "observing" : "saving"),
                    Expect.PROMOTED, world, outcome(world, ended, started, HEALTHY, 0));
        }
    }

    /** A variant of the trials of a holder killed right after its write-ahead save: which state it dies after. */
    private record SavedNotApplied(String variant, boolean skipAnalysis, boolean healthy, Predicate<RunState> stored,
            Expect expected) {
    }

    @Test
    void aStandbyAppliesTheStoredActionsOfAHolderKilledRightAfterItsWriteAheadSave() {
        List<SavedNotApplied> variants = List.of(
                new SavedNotApplied("end stored as Succeeded, canary not scaled down", false, true,
                        state -> state.phase() == Phase.SUCCEEDED, Expect.PROMOTED),
                new SavedNotApplied("skipAnalysis: end stored as Succeeded, primary not promoted", true, true,
                        state -> state.phase() == Phase.SUCCEEDED, Expect.PROMOTED),
                new SavedNotApplied("rollback stored, traffic not routed back to the primary", false, false,
                        state -> state.rollbackReason() != null, Expect.ROLLED_BACK));
        for (SavedNotApplied variant : variants) {
            CanarySpec spec = ContractSpecs.seed("app-" + canaries++, NS).toBuilder()
                    .skipAnalysis(variant.skipAnalysis()).build();
            World world = new World(spec, variant.healthy(), 0);
            Instant started = clock.instant();
            Replica holder = replica(world, 0);
            holder.killAfterStoring(variant.stored());
            holder.start(world);
            CanaryExecution standby = replica(world, 1).start(world);
            boolean died = runUntil(holder::killed);
            boolean ended = died && runUntil(standby.result()::isDone);
            RunState end = new KubernetesStateStore(client).load(world.key())
                    .map(run -> StateCodec.decode(run.document())).orElse(RunState.initial());
            boolean promoted = ended && end.phase() == Phase.SUCCEEDED && world.target.promotions() == 1
                    && "v2".equals(world.target.primaryRevision());
            // the cluster as the stored end says: canary scaled down, no traffic on it, the history kept
            boolean settled = world.target.canaryReplicas() == 0 && !end.history().isEmpty()
                    && end.history().get(0).at().equals(started)
                    && standby.result().isDone() && standby.result().join().phase() == end.phase();
            String detail = "holder died " + died + ", stored " + end.phase().displayName() + ", canary replicas "
                    + world.target.canaryReplicas() + ", promotions " + world.target.promotions() + ", weights "
                    + world.router.canaryWeights() + ", problems " + world.problems();
            record("holder dies after its write-ahead save, before acting", variant.variant(), variant.expected(),
                    world, new Outcome(promoted, ended && end.phase() == Phase.FAILED, !settled, !ended,
                            ended && world.router.routes(world.spec).canary() > 0, 0, detail));
        }
    }

    @Test
    void threeReplicasWhoseHoldersAreKilledAtRandomPoints() {
        Random random = new Random(20261130L);
        for (int trial = 0; trial < 8; trial++) {
            boolean healthy = trial % 2 == 0;
            World world = world(healthy, 0);
            Instant started = clock.instant();
            List<Replica> replicas = IntStream.range(0, 3).mapToObj(i -> replica(world, i)).toList();
            List<CanaryExecution> runs = new ArrayList<>(List.of(replicas.get(0).start(world)));
            int[] startAt = {0, random.nextInt(6), random.nextInt(12)};
            int[] killAt = {2 + random.nextInt(6), 8 + random.nextInt(10)};
            List<String> kills = new ArrayList<>();
            for (int step = 0; step < MAX_STEPS && !ended(runs, replicas); step++) {
                int writes = world.acts().size();
                for (int i = runs.size(); i < 3 && startAt[i] <= writes
                        && runs.stream().noneMatch(r -> r.result().isDone()); i++) {
                    runs.add(replicas.get(i).start(world));
                }
                if (kills.size() < 2 && writes >= killAt[kills.size()] && runs.size() >= 2 + kills.size()) {
                    Replica holder = replicas.stream().filter(r -> !r.killed() && r.holds(world.key())).findFirst()
                            .orElse(null);
                    if (holder != null) {
                        Point point = random.nextInt(4) == 3 ? null : Point.values()[random.nextInt(3)];
                        if (point == null) {
                            holder.kill();
                        } else {
                            holder.killAt(point);
                        }
                        kills.add(point == null ? "between ticks" : "at " + point.name().toLowerCase());
                        killAt[1] = Math.max(killAt[1], writes + 1 + random.nextInt(8));
                    }
                }
                scheduler.runNext();
            }
            record("holders killed at random points, 3 replicas", (healthy ? "healthy" : "failing") + ", killed "
                    + kills, healthy ? Expect.PROMOTED : Expect.ROLLED_BACK, world,
                    outcome(world, ended(runs, replicas), started, healthy ? HEALTHY : FAILING, healthy ? 0 : 10));
        }
    }

    /** Every replica alive has seen the run end, and one has. */
    private static boolean ended(List<CanaryExecution> runs, List<Replica> replicas) {
        boolean any = false;
        for (int i = 0; i < runs.size(); i++) {
            if (!replicas.get(i).killed()) {
                if (!runs.get(i).result().isDone()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}
