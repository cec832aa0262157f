package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Nested
    class Defaults {
        @Test
        void aHealthyReleaseWithAShortInterval() {
            DemoOptions options = DemoOptions.parse();
            assertThat(options).isEqualTo(DemoOptions.defaults(Scenario.HEALTHY));
            assertThat(options.scenario()).isEqualTo(Scenario.HEALTHY);
            assertThat(options.interval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(options.stepWeight()).isEqualTo(10);
            assertThat(options.maxWeight()).isEqualTo(50);
            assertThat(options.threshold()).isEqualTo(3);
            assertThat(options.errorPercent()).isZero();
            assertThat(options.latencyMs()).isZero();
            assertThat(options.rps()).isEqualTo(50);
            assertThat(options.help()).isFalse();
        }

        @Test
        void theFaultyScenarioAnswersTenPercentErrors() {
            assertThat(DemoOptions.parse("--scenario", "faulty").errorPercent()).isEqualTo(10);
            assertThat(DemoOptions.parse("--scenario=FAULTY").scenario()).isEqualTo(Scenario.FAULTY);
        }
    }

    @Nested
    class Parsing {
        @Test
        void readsEveryOptionInBothForms() {
            DemoOptions options = DemoOptions.parse("--scenario", "faulty", "--interval=1s", "--step-weight", "20",
                    "--max-weight=80", "--threshold", "5", "--error-rate", "2.5", "--latency-ms=700", "--rps", "120");
            assertThat(options).isEqualTo(new DemoOptions(Scenario.FAULTY, Duration.ofSeconds(1), 20, 80, 5, 2.5, 700,
                    120, false));
        }

        @Test
        void anExplicitErrorRateOverridesTheScenario() {
            assertThat(DemoOptions.parse("--scenario", "faulty", "--error-rate", "0", "--latency-ms", "800"))
                    .satisfies(o -> {
                        assertThat(o.errorPercent()).isZero();
                        assertThat(o.latencyMs()).isEqualTo(800);
                    });
        }

        @Test
        void recognisesHelp() {
            assertThat(DemoOptions.parse("--help").help()).isTrue();
            assertThat(DemoOptions.parse("-h").help()).isTrue();
        }

        @Test
        void ignoresBlankArgumentsAsAnEmptyExecArgsGives() {
            assertThat(DemoOptions.parse("", " ")).isEqualTo(DemoOptions.defaults(Scenario.HEALTHY));
        }

        @Test
        void acceptsGoStyleDurations() {
            assertThat(DemoOptions.parse("--interval", "1m30s").interval()).isEqualTo(Duration.ofSeconds(90));
        }
    }

    @Nested
    class Problems {
        @Test
        void listsEveryProblemAtOnceNamingTheOptionAndWhatItAccepts() {
            assertThatThrownBy(() -> DemoOptions.parse("--scenario", "grumpy", "--interval", "fast", "--rps", "0",
                    "--error-rate", "150", "--colour", "red", "--threshold"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(String.join("\n",
                            "--scenario must be healthy or faulty but was 'grumpy'",
                            "--interval must be a duration such as 2s or 1m but was 'fast'",
                            "unknown option --colour",
                            "option --threshold needs a value",
                            "--error-rate must be between 0 and 100 but was 150.0",
                            "--rps must be between 1 and 1000 but was 0"));
        }

        @Test
        void rejectsAnIntervalBelowOneSecond() {
            assertThatThrownBy(() -> DemoOptions.parse("--interval", "500ms"))
                    .hasMessage("--interval must be at least 1s but was 500ms");
        }

        @Test
        void rejectsAStepAboveTheCeiling() {
            assertThatThrownBy(() -> DemoOptions.parse("--step-weight", "60"))
                    .hasMessage("--step-weight 60 must not be above --max-weight 50");
        }

        @Test
        void rejectsNegativeNumbersInsteadOfTakingThemForOptions() {
            assertThatThrownBy(() -> DemoOptions.parse("--latency-ms", "-5"))
                    .hasMessage("--latency-ms must be between 0 and 60000 but was -5");
        }

        @Test
        void rejectsWordsWhereNumbersBelong() {
            assertThatThrownBy(() -> DemoOptions.parse("--threshold", "three", "--error-rate", "lots"))
                    .hasMessage("--threshold must be a whole number but was 'three'\n"
                            + "--error-rate must be a number but was 'lots'");
        }

        @Test
        void leavesAManifestToManifestDemoOptions() {
            assertThatThrownBy(() -> DemoOptions.parse("--manifest", "seed"))
                    .hasMessage("--manifest runs a manifest: read such a command line with ManifestDemoOptions.parse");
        }

        @Test
        void theRecordItselfRejectsValuesOutOfRange() {
            assertThatThrownBy(() -> new DemoOptions(Scenario.HEALTHY, Duration.ofSeconds(2), 10, 50, 0, 0, 0, 50,
                    false)).hasMessage("--threshold must be between 1 and 1000 but was 0");
        }
    }

    @Test
    void theUsageNamesEveryOption() {
        assertThat(DemoOptions.USAGE).contains("--scenario healthy|faulty", "--interval", "--step-weight",
                "--max-weight", "--threshold", "--error-rate", "--latency-ms", "--rps", "--manifest PATH|seed",
                "--help", "Exit code");
    }
}
