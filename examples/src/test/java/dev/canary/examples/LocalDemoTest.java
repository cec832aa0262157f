package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

class LocalDemoTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LocalDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Nested
    class CommandLine {
        @Test
        void printsTheUsageAndExitsZeroForHelp() {
            assertThat(run("--help")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: LocalDemo [options]");
        }

        @Test
        void exitsTwoWithTheProblemsAndTheUsageForBadOptions() {
            assertThat(run("--rps", "zero", "--nope")).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .startsWith("error: --rps must be a whole number but was 'zero'\n"
                            + "error: unknown option --nope\n")
                    .contains("Usage: LocalDemo [options]");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        }

        @Test
        void refusesOptionsTheManifestSetsWhenAManifestIsGiven() {
            assertThat(run("--manifest", "seed", "--threshold", "3", "--rps", "10")).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                    "error: --threshold does not apply with --manifest: the manifest sets it (analysis.threshold);"
                            + " edit the manifest instead\n"
                            + "error: --rps does not apply with --manifest: the manifest sets it (the -q and -c of"
                            + " its hey load test); edit the manifest instead\n");
        }

        @Test
        void exitsTwoNamingTheFileWhenTheManifestDoesNotExist() {
            assertThat(run("--manifest", "no/such/canary.yaml")).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: --manifest: there is no file ")
                    .contains("canary.yaml; give the path of a Flagger Canary manifest, or 'seed'");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        }

        @Test
        void printsTheUsageForHelpWithAManifest() {
            assertThat(run("--manifest", "seed", "--help")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: LocalDemo [options]")
                    .contains("--manifest PATH|seed");
        }
    }

    @Nested
    class Spec {
        @Test
        void takesStepsThresholdAndIntervalFromTheOptions() {
            CanarySpec spec = LocalDemo.spec(DemoOptions.parse("--interval", "3s", "--step-weight", "20",
                    "--max-weight", "60", "--threshold", "4"));
            AnalysisSpec analysis = spec.analysis();
            assertThat(spec.key()).isEqualTo("demo/podinfo");
            assertThat(analysis.interval()).isEqualTo(Duration.ofSeconds(3));
            assertThat(analysis.stepWeight()).isEqualTo(20);
            assertThat(analysis.maxWeight()).isEqualTo(60);
            assertThat(analysis.threshold()).isEqualTo(4);
        }

        @Test
        void judgesSuccessRateAndP99OverTwoIntervals() {
            CanarySpec spec = LocalDemo.spec(DemoOptions.defaults(Scenario.HEALTHY));
            assertThat(spec.analysis().metrics()).extracting(MetricCheck::name)
                    .containsExactly(MetricCheck.REQUEST_SUCCESS_RATE, MetricCheck.REQUEST_DURATION);
            assertThat(spec.analysis().metrics()).allSatisfy(check -> {
                assertThat(check.isBuiltin()).isTrue();
                assertThat(check.interval()).isEqualTo(Duration.ofSeconds(4));
            });
            assertThat(spec.analysis().metrics().get(0).thresholdRange().min()).isEqualTo(99.0);
            assertThat(spec.analysis().metrics().get(1).thresholdRange().max()).isEqualTo(500.0);
        }

        @Test
        void waitsLongEnoughForEveryStepAndTheThresholdTwice() {
            assertThat(LocalDemo.timeLimit(DemoOptions.defaults(Scenario.HEALTHY)))
                    .isEqualTo(Duration.ofSeconds(2 * 2 * (5 + 3 + 6) + 30));
        }
    }

    /** One run of the demo, its report and what it printed. */
    record Recorded(DemoReport report, String output) {
        static Recorded of(String... args) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DemoReport report = LocalDemo.execute(DemoOptions.parse(args),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
            return new Recorded(report, bytes.toString(StandardCharsets.UTF_8));
        }

        List<String> lines() {
            return output.lines().toList();
        }

        /** The ALERT lines up to the alert's title. */
        List<String> alerts() {
            return lines().stream().filter(line -> line.startsWith("ALERT "))
                    .map(line -> line.substring(0, line.indexOf(':', line.indexOf(':') + 1))).toList();
        }

        int indexOf(String part) {
            List<String> lines = lines();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(part)) {
                    return i;
                }
            }
            throw new AssertionError("no line contains '" + part + "' in\n" + output);
        }

        long proxiedDuringTheRun() {
            Matcher m = Pattern.compile("during the run the proxy forwarded (\\d+) requests of the load generator")
                    .matcher(output);
            assertThat(m.find()).as("the traffic line in\n" + output).isTrue();
            return Long.parseLong(m.group(1));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class HealthyRun {
        private Recorded run;

        @BeforeAll
        void runOnce() {
            run = Recorded.of("--interval", "1s", "--step-weight", "10", "--max-weight", "30", "--rps", "100");
        }

        @Test
        void climbsToTheCeilingAndIsPromoted() {
            DemoReport report = run.report();
            assertThat(report.result().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(report.exitCode()).isZero();
            assertThat(report.weights()).containsSubsequence(10, 20, 30);
            assertThat(report.peakWeight()).isEqualTo(30);
            assertThat(report.primaryRevision()).isEqualTo("v2");
            assertThat(report.finalSplit().canary()).isZero();
            assertThat(report.finalSplit().primary()).isEqualTo(DemoRun.PROBE_REQUESTS);
            assertThat(run.output()).contains("Progressing", "Succeeded");
        }

        @Test
        void theLoadComesFromTheBuiltInGeneratorRunningTheHeyCommandOfTheLoadTestHooks() {
            assertThat(run.lines()).anySatisfy(line -> assertThat(line).startsWith("load: webhooks load-test-start "
                    + "(pre-rollout) and load-test (rollout) run \"hey -z ")
                    .contains(" -q 10 -c 10 http://127.0.0.1:"));
            // the warm-up and the probe lie outside the run: these requests came from the generator
            assertThat(run.proxiedDuringTheRun()).isPositive();
        }

        @Test
        void printsOneAlertLinePerAlertBetweenTheTickLines() {
            assertThat(run.alerts()).containsExactly("ALERT [INFO] demo/podinfo: Initialized",
                    "ALERT [INFO] demo/podinfo: New revision", "ALERT [INFO] demo/podinfo: Promoted");
            assertThat(run.indexOf("ALERT [INFO] demo/podinfo: Promoted"))
                    .isGreaterThan(run.indexOf(" Promoting ")).isLessThan(run.indexOf("Succeeded after"));
            assertThat(run.indexOf("ALERT [INFO] demo/podinfo: New revision")).isLessThan(run.indexOf(" Promoting "));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class FaultyRun {
        private Recorded run;

        @BeforeAll
        void runOnce() {
            run = Recorded.of("--scenario", "faulty", "--interval", "1s", "--threshold", "2", "--rps", "100");
        }

        @Test
        void isRolledBackWithAllTrafficOnThePrimary() {
            DemoReport report = run.report();
            assertThat(report.result().phase()).isEqualTo(Phase.FAILED);
            assertThat(report.exitCode()).isEqualTo(1);
            assertThat(report.peakWeight()).isPositive().isLessThan(50);
            assertThat(report.weights()).last().isEqualTo(0);
            assertThat(report.result().status().failedChecks()).isEqualTo(2);
            assertThat(report.primaryRevision()).isEqualTo("v1");
            assertThat(report.finalSplit().primary()).isEqualTo(DemoRun.PROBE_REQUESTS);
            assertThat(report.finalSplit().canary()).isZero();
        }

        @Test
        void printsTheRollbackAlertsAndWhyEachCheckFailed() {
            assertThat(run.alerts()).containsExactly("ALERT [INFO] demo/podinfo: Initialized",
                    "ALERT [INFO] demo/podinfo: New revision", "ALERT [ERROR] demo/podinfo: Rolling back",
                    "ALERT [ERROR] demo/podinfo: Rolled back");
            assertThat(run.output()).contains("ALERT [ERROR] demo/podinfo: Rolling back: failed checks threshold "
                    + "reached 2/2");
            assertThat(run.lines()).anySatisfy(line -> assertThat(line).startsWith(TickPrinter.NOTE + "failed check ")
                    .contains("request-success-rate ", " outside [99.0, +inf] ("));
            assertThat(run.indexOf("ALERT [ERROR] demo/podinfo: Rolled back")).isLessThan(run.indexOf("Failed after"));
        }
    }

    @Test
    void aSlowCanaryFailsTheLatencyCheckAndExitsOne() {
        int code = run("--scenario", "faulty", "--error-rate", "0", "--latency-ms", "700", "--interval", "1s",
                "--threshold", "1", "--rps", "100");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Failed after", "canary 0 (0.0 %)",
                "ALERT [ERROR] demo/podinfo: Rolled back");
    }
}
