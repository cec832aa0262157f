package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The seed manifest end to end on the demo stack, with a one-second interval (threshold 10 keeps it short). */
class ManifestDemoTest {
    private static final Duration FAST = Duration.ofSeconds(1);

    /** One run of the seed manifest, its report and what it printed. */
    record Recorded(DemoReport report, String output) {
        static Recorded of(Scenario scenario) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DemoReport report = ManifestDemo.execute(ManifestDemoOptions.of(DemoManifest.SEED, scenario)
                    .withInterval(FAST), new PrintStream(bytes, true, StandardCharsets.UTF_8));
            return new Recorded(report, bytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** The weights with repeats collapsed: 0, 5, 5, 10 gives 0, 5, 10. */
    static List<Integer> steps(List<Integer> weights) {
        List<Integer> steps = new ArrayList<>();
        for (int weight : weights) {
            if (steps.isEmpty() || steps.get(steps.size() - 1) != weight) {
                steps.add(weight);
            }
        }
        return steps;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Healthy {
        private Recorded run;

        @BeforeAll
        void runOnce() {
            run = Recorded.of(Scenario.HEALTHY);
        }

        @Test
        void climbsFiveToFiftyInStepsOfFiveAndIsPromoted() {
            DemoReport report = run.report();
            assertThat(report.result().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(report.exitCode()).isZero();
            assertThat(steps(report.weights())).containsExactly(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 0);
            assertThat(report.primaryRevision()).isEqualTo("v2");
            assertThat(report.finalSplit().canary()).isZero();
        }

        @Test
        void runsUnderTheManifestsNamesAndSaysWhatTheDemoChanged() {
            assertThat(run.output()).contains(
                    "manifest: the seed manifest (bundled copy of reference/seed/canary.yaml)",
                    "  canary demo-canary/podinfo, service podinfo port 80, progressDeadlineSeconds 60",
                    "  analysis: interval 10s, threshold 10, stepWeight 5, maxWeight 50; metrics request-success-rate"
                            + " >= 99 over 1m, request-duration <= 500 over 1m",
                    "  webhook load-test (rollout): hey -z 10m -q 10 -c 2 http://podinfo.demo-canary:9898/",
                    "the demo stands in for the cluster",
                    "  - analysis.interval 10s -> 1s (--interval)",
                    "  - metrics request-success-rate, request-duration: interval 1m -> 6s",
                    "  - webhook load-test: hey target http://podinfo.demo-canary:9898/ -> http://127.0.0.1:",
                    "  - webhook load-test-start: added, pre-rollout",
                    "/10 ",
                    "ALERT [INFO] demo-canary/podinfo: Promoted");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Faulty {
        private Recorded run;

        @BeforeAll
        void runOnce() {
            run = Recorded.of(Scenario.FAULTY);
        }

        @Test
        void failsTenChecksAndRollsBackWithAllTrafficOnThePrimary() {
            DemoReport report = run.report();
            assertThat(report.result().phase()).isEqualTo(Phase.FAILED);
            assertThat(report.exitCode()).isEqualTo(1);
            assertThat(report.result().status().failedChecks()).isEqualTo(10);
            assertThat(report.peakWeight()).isBetween(5, 45);
            assertThat(report.weights()).last().isEqualTo(0);
            assertThat(report.primaryRevision()).isEqualTo("v1");
            assertThat(report.finalSplit().primary()).isEqualTo(DemoRun.PROBE_REQUESTS);
            assertThat(report.finalSplit().canary()).isZero();
        }

        @Test
        void printsTheRollbackAlerts() {
            assertThat(run.output()).contains(
                    "ALERT [ERROR] demo-canary/podinfo: Rolling back: failed checks threshold reached 10/10",
                    "ALERT [ERROR] demo-canary/podinfo: Rolled back");
        }
    }

    @Nested
    class CommandLine {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        @TempDir
        Path dir;

        private int run(String manifest) {
            return ManifestDemo.run(ManifestDemoOptions.of(manifest, Scenario.HEALTHY),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                            StandardCharsets.UTF_8));
        }

        @Test
        void exitsTwoBeforeStartingAnythingForAManifestTheDemoCannotMeasure() throws Exception {
            Path file = dir.resolve("canary.yaml");
            String duration = "      - name: request-duration\n";
            Files.writeString(file, DemoManifest.seedText().replace(duration, "      - name: not-found-percentage\n"
                    + "        query: sum(rate(x[1m]))\n        thresholdRange:\n          max: 5\n" + duration));
            assertThat(run(file.toString())).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: " + file + " cannot run in the demo:\n"
                    + "error: metric 'not-found-percentage' needs a query or MetricTemplate");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        }

        @Test
        void exitsTwoWithTheLoadersProblemsForAnInvalidManifest() throws Exception {
            Path file = dir.resolve("canary.yaml");
            Files.writeString(file, DemoManifest.seedText().replace("threshold: 10", "threshold: ten"));
            assertThat(run(file.toString())).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ")
                    .contains("spec.analysis.threshold", "must be a whole number");
        }
    }
}
