package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.backtest.Release;
import dev.canary.backtest.Weights;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestDemoOptionsTest {
    @Test
    void defaultsToTheSeedManifestOnTheGeneratedDayWithTheSpecsWeights() {
        BacktestDemoOptions options = BacktestDemoOptions.parse(List.of());
        assertThat(options.manifest()).isEqualTo("seed");
        assertThat(options.weights()).isEqualTo(Weights.SPEC);
        assertThat(options.prometheus()).isNull();
        assertThat(options.compare()).isNull();
        assertThat(options.threshold()).isZero();
        assertThat(options.summary()).isFalse();
    }

    @Test
    void readsEveryOption() {
        BacktestDemoOptions options = BacktestDemoOptions.parse(List.of("--manifest", "c.yaml", "--threshold", "5",
                "--weights", "recorded", "--prometheus", "http://p:9090", "--release", "v42=2026-11-29T14:00:00Z",
                "--report", "out", "--summary"));
        assertThat(options.manifest()).isEqualTo("c.yaml");
        assertThat(options.threshold()).isEqualTo(5);
        assertThat(options.weights()).isEqualTo(Weights.RECORDED);
        assertThat(options.releases()).containsExactly(Release.at("v42", Instant.parse("2026-11-29T14:00:00Z")));
        assertThat(options.summary()).isTrue();
        assertThat(options.report()).isEqualTo(java.nio.file.Path.of("out"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> BacktestDemoOptions.parse(List.of("--threshold", "0", "--weights", "mine",
                "--from", "yesterday", "--release", "v1", "--bogus", "--prometheus", "http://p:9090")))
                .hasMessageContaining("--threshold must be a whole number of at least 1 but was '0'")
                .hasMessageContaining("--weights must be 'spec' or 'recorded' but was 'mine'")
                .hasMessageContaining("--from must be an ISO-8601 instant")
                .hasMessageContaining("--release must be NAME=TIME")
                .hasMessageContaining("unknown option '--bogus'")
                .hasMessageContaining("--prometheus needs a window");
    }

    @Test
    void refusesTwoSecondSpecsAndABackwardWindow() {
        assertThatThrownBy(() -> BacktestDemoOptions.parse(List.of("--compare", "seed", "--threshold", "5",
                "--from", "2026-11-29T10:00:00Z", "--to", "2026-11-29T09:00:00Z")))
                .hasMessageContaining("--compare, --threshold and --sequential each name a second spec")
                .hasMessageContaining("--to must be after --from");
    }
}
