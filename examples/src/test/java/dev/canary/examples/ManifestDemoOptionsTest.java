package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ManifestDemoOptionsTest {

    @Nested
    class Parsing {
        @Test
        void keepsTheManifestsIntervalUnlessOneIsGiven() {
            assertThat(ManifestDemoOptions.parse("--manifest", "seed"))
                    .isEqualTo(ManifestDemoOptions.of("seed", Scenario.HEALTHY))
                    .satisfies(o -> assertThat(o.interval()).isNull());
            assertThat(ManifestDemoOptions.parse("--manifest=seed", "--interval", "2s").interval())
                    .isEqualTo(Duration.ofSeconds(2));
        }

        @Test
        void readsTheScenarioAndHowTheCanaryBehaves() {
            assertThat(ManifestDemoOptions.parse("--manifest", "canary.yaml", "--scenario", "faulty", "--latency-ms",
                    "700", "--help")).isEqualTo(new ManifestDemoOptions("canary.yaml", null, Scenario.FAULTY, 10, 700,
                    true));
            assertThat(ManifestDemoOptions.parse("--manifest", "seed", "--scenario", "faulty", "--error-rate", "25")
                    .errorPercent()).isEqualTo(25);
        }

        @Test
        void withIntervalReplacesOnlyTheInterval() {
            assertThat(ManifestDemoOptions.of("seed", Scenario.FAULTY).withInterval(Duration.ofSeconds(1)))
                    .isEqualTo(new ManifestDemoOptions("seed", Duration.ofSeconds(1), Scenario.FAULTY, 10, 0, false));
        }
    }

    @Nested
    class Problems {
        @Test
        void refusesEveryOptionTheManifestSetsNamingItsField() {
            assertThatThrownBy(() -> ManifestDemoOptions.parse("--manifest", "seed", "--step-weight", "10",
                    "--max-weight", "60", "--interval", "500ms"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(String.join("\n",
                            "--step-weight does not apply with --manifest: the manifest sets it "
                                    + "(analysis.stepWeight); edit the manifest instead",
                            "--max-weight does not apply with --manifest: the manifest sets it (analysis.maxWeight);"
                                    + " edit the manifest instead",
                            "--interval must be at least 1s but was 500ms"));
        }

        @Test
        void needsAManifest() {
            assertThatThrownBy(() -> ManifestDemoOptions.parse("--scenario", "faulty"))
                    .hasMessage("--manifest needs the path of a Canary manifest, or seed");
        }

        @Test
        void theRecordItselfRejectsValuesOutOfRange() {
            assertThatThrownBy(() -> new ManifestDemoOptions("seed", null, Scenario.HEALTHY, 101, -1, false))
                    .hasMessage("--error-rate must be between 0 and 100 but was 101.0\n"
                            + "--latency-ms must be between 0 and 60000 but was -1");
        }
    }
}
