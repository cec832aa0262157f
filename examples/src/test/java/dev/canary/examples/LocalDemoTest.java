package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

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
}
