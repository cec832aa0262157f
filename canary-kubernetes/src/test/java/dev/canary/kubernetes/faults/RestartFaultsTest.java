package dev.canary.kubernetes.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.engine.RunState;
import dev.canary.internal.FileStateStore;
import dev.canary.internal.StateCodec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.testkit.faults.Expect;
import dev.canary.testkit.faults.FaultLedger;
import dev.canary.testkit.faults.FaultReport;
import dev.canary.testkit.faults.Outcome;
import dev.canary.testkit.faults.Trial;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 and resume in the fault-injection suite: the run is a child JVM ({@link RestartChild}) on the fabric8
 * mock API server, killed with SIGKILL ({@link Process#destroyForcibly()}) at a point inside a tick (before or
 * after a write to the router, the target or the state store, including inside the promotion and the rollback)
 * or between ticks, then resumed by a new JVM from the file or the Kubernetes state store. A trial is a lost run
 * when the resumed run does not end as the uninterrupted one did, its stored history does not start where the run
 * started, it promoted twice, or the cluster is left in a half state. Trials run two at a time, and the child JVMs
 * share a class-data archive of the first one ({@link ChildJvm}).
 */
@EnableKubernetesMockClient(crud = true, https = false)
@ExtendWith(FaultReport.class)
class RestartFaultsTest {
    private static final String NS = "restart-faults";
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final long CHILD_BOUND_SECONDS = 60;

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private final AtomicInteger canaries = new AtomicInteger();

    /** The spec of canary {@code name} of these trials; the child JVM builds the same. */
    static CanarySpec spec(String name) {
        return MockCanary.spec(name, NS);
    }

    /** What one child JVM did: the points it passed, where it was killed, how it ended. */
    record Child(List<String> points, String killedAt, String end, boolean hung) {
    }

    /** A canary of the trials: its name, store and clock file. */
    private final class Canary {
        final String name = "app-" + canaries.getAndIncrement();
        final String store;
        final boolean failing;
        final Path clock = dir.resolve(name + ".clock");
        final MockCanary cluster;
        int children;

        Canary(boolean file, boolean failing) throws IOException {
            this.store = file ? "file:" + dir.resolve("state") : "kubernetes";
            this.failing = failing;
            Files.writeString(clock, T0.toString());
            cluster = new MockCanary(spec(name), client);
        }

        Child start(int dieAt) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(RestartChild.class, List.of(
                    client.getMasterUrl().toString(), name, store, failing ? "failing" : "healthy", clock.toString(),
                    Integer.toString(dieAt))))
                    .redirectError(dir.resolve(name + "-" + children++ + ".log").toFile());
            Process process = builder.start();
            Thread watchdog = new Thread(() -> {
                try {
                    if (!process.waitFor(CHILD_BOUND_SECONDS, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            }, "restart-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            List<String> points = new ArrayList<>();
            String killedAt = null;
            String end = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("POINT ")) {
                        points.add(line.substring(line.indexOf(' ', 6) + 1));
                    } else if (line.startsWith("KILL-ME ")) {
                        killedAt = line.substring(line.indexOf(' ', 8) + 1);
                        process.destroyForcibly();
                        break;
                    } else if (line.startsWith("END ")) {
                        end = line.substring(4);
                    }
                }
            }
            process.waitFor();
            watchdog.interrupt();
            return new Child(points, killedAt, end, killedAt == null && end == null);
        }

        Optional<RunState> stored() {
            if (store.equals("kubernetes")) {
                return cluster.stored();
            }
            return new FileStateStore(dir.resolve("state")).load(cluster.spec.key())
                    .map(run -> StateCodec.decode(run.document()));
        }
    }

    private Child baseline(boolean failing) throws Exception {
        Child child = new Canary(true, failing).start(0);
        assertThat(child.end()).as("uninterrupted run").isEqualTo(failing ? "FAILED" : "SUCCEEDED");
        return child;
    }

    /** Kills a child of a new canary at point {@code dieAt}, resumes it in a new JVM, and records the trial. */
    private void killAndResume(boolean file, boolean failing, int dieAt, String end) throws Exception {
        Canary canary = new Canary(file, failing);
        Child killed = canary.start(dieAt);
        assertThat(killed.killedAt()).as("killed at point %d", dieAt).isNotNull();
        Child resumed = canary.start(0);
        Optional<RunState> stored = canary.stored();
        Phase phase = resumed.end() == null || resumed.end().equals("NOT_ENDED") ? null : Phase.valueOf(resumed.end());
        List<String> problems = new ArrayList<>(phase == null ? List.of("resumed run did not end")
                : canary.cluster.halfState(phase, T0.plusSeconds(1), stored));
        if (!String.valueOf(resumed.end()).equals(end)) {
            problems.add("ended " + resumed.end() + ", uninterrupted " + end);
        }
        long promotions = promotions(stored.map(RunState::history).orElse(List.of()));
        if (promotions > 1) {
            problems.add(promotions + " promotions");
        }
        Routes routes = canary.cluster.routes();
        Outcome outcome = new Outcome(phase == Phase.SUCCEEDED, phase == Phase.FAILED, !problems.isEmpty(),
                resumed.hung(), phase != null && !routes.equals(Routes.PRIMARY_ONLY), 0,
                "killed at " + killed.killedAt() + "; resumed: " + resumed.end() + " " + problems);
        Trial trial = FaultLedger.record(new Trial("restart", "kill -9, resumed from the "
                + (file ? "file" : "Kubernetes") + " state store", (failing ? "failing, " : "healthy, ")
                + "at " + killed.killedAt(), failing ? Expect.ROLLED_BACK : Expect.PROMOTED, outcome));
        assertThat(trial.asExpected()).as("%s", trial).isTrue();
        assertThat(promotions).as("%s", trial).isLessThanOrEqualTo(1);
    }

    /** How many times the history enters Promoting. */
    private static long promotions(List<DecisionRecord> history) {
        long n = 0;
        Phase before = null;
        for (DecisionRecord record : history) {
            if (record.phase() == Phase.PROMOTING && before != Phase.PROMOTING) {
                n++;
            }
            before = record.phase();
        }
        return n;
    }

    private static int first(List<String> points, String prefix) {
        int i = points.indexOf(points.stream().filter(p -> p.startsWith(prefix)).findFirst().orElseThrow());
        return i + 1;
    }

    private static int last(List<String> points, String prefix) {
        return points.lastIndexOf(points.stream().filter(p -> p.startsWith(prefix)).reduce((a, b) -> b)
                .orElseThrow()) + 1;
    }

    /** One trial: a kill at a point and a resume, in two child JVMs one after the other. */
    private interface KillAndResume {
        void run() throws Exception;
    }

    /**
     * Runs independent trials (each its own canary) two at a time: a trial mostly waits for its child JVMs, so two
     * share the machine well; every trial still runs, and the first failure is thrown.
     */
    private static void twoAtATime(List<KillAndResume> trials) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (KillAndResume trial : trials) {
                done.add(pool.submit(() -> {
                    trial.run();
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) e.getCause();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHealthyCanaryKilledAtAnyPointIsPromotedOnceAfterItResumes() throws Exception {
        List<String> points = baseline(false).points();
        Random random = new Random(20261130L);
        int random1 = 1 + random.nextInt(points.size());
        int random2 = 1 + random.nextInt(points.size());
        twoAtATime(List.of(
                () -> killAndResume(true, false, first(points, "promote before"), "SUCCEEDED"),
                () -> killAndResume(false, false, first(points, "promote after"), "SUCCEEDED"),
                () -> killAndResume(true, false, first(points, "save SUCCEEDED 0 after"), "SUCCEEDED"),
                () -> killAndResume(false, false, random1, "SUCCEEDED"),
                () -> killAndResume(true, false, random2, "SUCCEEDED")));
    }

    @Test
    void aFailingCanaryKilledAtAnyPointIsRolledBackAfterItResumes() throws Exception {
        List<String> points = baseline(true).points();
        Random random = new Random(20261201L);
        int random1 = 1 + random.nextInt(points.size());
        twoAtATime(List.of(
                () -> killAndResume(false, true, last(points, "set canary 0 after"), "FAILED"),
                () -> killAndResume(true, true, last(points, "scale down before"), "FAILED"),
                () -> killAndResume(false, true, random1, "FAILED")));
    }
}
