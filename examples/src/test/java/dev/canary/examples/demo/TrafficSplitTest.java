package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrafficSplitTest {

    @Test
    void computesTheCanaryShare() {
        TrafficSplit split = new TrafficSplit(70, 30);
        assertThat(split.total()).isEqualTo(100);
        assertThat(split.canaryPercent()).isCloseTo(30, within(1e-9));
        assertThat(split).hasToString("primary 70 (70.0 %), canary 30 (30.0 %)");
    }

    @Test
    void anEmptyWindowHasNoCanaryShare() {
        assertThat(new TrafficSplit(0, 0).canaryPercent()).isZero();
        assertThat(new TrafficSplit(0, 0)).hasToString("primary 0 (0.0 %), canary 0 (0.0 %)");
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> new TrafficSplit(-1, 0)).hasMessageContaining("must not be negative");
    }
}
