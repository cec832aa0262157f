package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.Phase;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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

    @Nested
    class EndToEnd {
        private DemoReport execute(String... args) {
            return LocalDemo.execute(DemoOptions.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8));
        }

        @Test
        void aHealthyCanaryClimbsToTheCeilingAndIsPromoted() {
            DemoReport report = execute("--interval", "1s", "--step-weight", "10", "--max-weight", "30", "--rps",
                    "100");
            assertThat(report.result().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(report.exitCode()).isZero();
            assertThat(report.weights()).containsSubsequence(10, 20, 30);
            assertThat(report.peakWeight()).isEqualTo(30);
            assertThat(report.primaryRevision()).isEqualTo("v2");
            assertThat(report.finalSplit().canary()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Progressing", "Succeeded");
        }

        @Test
        void aFaultyCanaryIsRolledBackWithAllTrafficOnThePrimary() {
            DemoReport report = execute("--scenario", "faulty", "--interval", "1s", "--threshold", "2", "--rps",
                    "100");
            assertThat(report.result().phase()).isEqualTo(Phase.FAILED);
            assertThat(report.exitCode()).isEqualTo(1);
            assertThat(report.peakWeight()).isPositive().isLessThan(50);
            assertThat(report.weights()).last().isEqualTo(0);
            assertThat(report.result().status().failedChecks()).isEqualTo(2);
            assertThat(report.primaryRevision()).isEqualTo("v1");
            assertThat(report.finalSplit().primary()).isPositive();
            assertThat(report.finalSplit().canary()).isZero();
        }

        @Test
        void aSlowCanaryFailsTheLatencyCheckAndExitsOne() {
            int code = run("--scenario", "faulty", "--error-rate", "0", "--latency-ms", "700", "--interval", "1s",
                    "--threshold", "1", "--rps", "100");
            assertThat(code).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Failed after", "canary 0 (0.0 %)");
        }
    }
}
