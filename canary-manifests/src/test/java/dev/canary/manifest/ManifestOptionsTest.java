package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.ObjectRef;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ManifestOptionsTest {
    @Test
    void defaultsBoundTheInputAndFollowFlagger() {
        ManifestOptions options = ManifestOptions.ofDefaults();

        assertThat(options.maxInputChars()).isEqualTo(1 << 18);
        assertThat(options.maxNodes()).isEqualTo(50_000);
        assertThat(options.maxDepth()).isEqualTo(64);
        assertThat(options.maxAliasNodes()).isEqualTo(10_000);
        assertThat(options.minimumInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.router()).isEmpty();
        assertThat(options.templateResolver().apply(ObjectRef.of("x"))).isEmpty();
        assertThat(options.alertProviderResolver().apply(ObjectRef.of("x"))).isEmpty();
    }

    @Test
    void reportsEverySettingOutOfRangeAtOnce() {
        assertThatThrownBy(() -> ManifestOptions.builder().maxInputChars(0).maxDepth(3).maxAliasNodes(-1)
                .minimumInterval(Duration.ofMillis(500)).router(" ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid manifest options: maxInputChars must be between 1 and 2147483631 but was 0; "
                        + "maxDepth must be between 8 and 1000 but was 3; maxAliasNodes must be at least 0 but was -1; "
                        + "minimumInterval must be at least 1s but was PT0.5S; router must not be blank; use null for "
                        + "each canary's own provider");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        ManifestOptions options = ManifestOptions.builder().maxInputChars(100).maxDepth(10).maxAliasNodes(5)
                .minimumInterval(Duration.ofSeconds(2)).router("traefik").build();

        ManifestOptions copy = options.toBuilder().build();

        assertThat(copy.maxInputChars()).isEqualTo(100);
        assertThat(copy.maxDepth()).isEqualTo(10);
        assertThat(copy.maxAliasNodes()).isEqualTo(5);
        assertThat(copy.minimumInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(copy.router()).contains("traefik");
    }

    @Test
    void aSmallerInputLimitApplies() {
        ManifestOptions tiny = ManifestOptions.builder().maxInputChars(100).build();

        assertThat(Fixtures.problem(() -> CanaryManifests.load(Fixtures.text("seed/canary.yaml"), tiny)).message())
                .startsWith("the input is larger than 100 characters");
    }
}
