package dev.canary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SequentialSpecTest {
    static final SequentialSpec LATENCY = SequentialSpec.builder().latencyBound(Duration.ofMillis(500)).build();

    static MetricCheck template(ThresholdRange range, SequentialSpec settings) {
        return MetricCheck.builder("latency").templateRef(ObjectRef.of("p99")).thresholdRange(range)
                .sequential(settings).build();
    }

    static CanarySpec seedWith(MetricCheck check) {
        return CanarySpec.builder("podinfo").analysis(AnalysisSpec.builder().stepWeight(10).metrics(check).build())
                .build();
    }

    @Test
    void aCheckWithALatencyBoundIsJudgedOnLatencyWhateverItsThresholdRange() {
        assertThat(LATENCY.judgesLatency(template(ThresholdRange.atMost(0.5), LATENCY))).isTrue();
        assertThat(LATENCY.problemWith(template(ThresholdRange.atMost(0.5), LATENCY))).isNull();
        SequentialSpec defaults = SequentialSpec.ofDefaults();
        assertThat(defaults.judgesLatency(MetricCheck.p99LatencyMillis(500))).isTrue();
        assertThat(defaults.judgesLatency(template(ThresholdRange.atLeast(99), defaults))).isFalse();
        assertThat(defaults.problemWith(template(ThresholdRange.atLeast(99), defaults))).isNull();
    }

    @Test
    void aSpecWhoseSequentialCheckHasNoBoundAgainstTheSloIsRefusedAtBuildTime() {
        MetricCheck noRate = template(ThresholdRange.atMost(0.5), SequentialSpec.ofDefaults());
        assertThatThrownBy(() -> seedWith(noRate))
                .hasMessageContaining("analysis.metrics[0] 'latency': a sequential check against the SLO needs "
                        + "sequential.allowedRate or a thresholdRange.min success rate between 0 and 100 (percent); "
                        + "a latency check needs sequential.latencyBound");
        MetricCheck primaryOnly = template(ThresholdRange.atMost(0.5), SequentialSpec.builder()
                .against(SequentialSpec.Baseline.PRIMARY).build());
        assertThat(seedWith(primaryOnly).analysis().metrics()).containsExactly(primaryOnly);
    }

    @Test
    void aWatchIsAtLeast100msAndShorterThanTheAnalysisInterval() {
        assertThatThrownBy(() -> SequentialSpec.builder().watch(Duration.ofMillis(50)).build())
                .hasMessageContaining("sequential.watch must be at least 100ms (or unset, to read counts only at "
                        + "ticks) but was PT0.05S");
        MetricCheck watching = MetricCheck.successRate(99).toBuilder()
                .sequential(SequentialSpec.builder().watch(Duration.ofMinutes(2)).build()).build();
        assertThatThrownBy(() -> seedWith(watching))
                .hasMessageContaining("analysis.metrics[0] 'request-success-rate': sequential.watch PT2M must be "
                        + "shorter than the analysis interval PT1M");
        MetricCheck shorter = MetricCheck.successRate(99).toBuilder()
                .sequential(SequentialSpec.builder().watch(Duration.ofSeconds(2)).build()).build();
        assertThat(seedWith(shorter).analysis().metrics().get(0).sequential().watch())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theLatencyBoundIsAWholePositiveNumberOfMilliseconds() {
        assertThatThrownBy(() -> SequentialSpec.builder().latencyBound(Duration.ZERO).build())
                .hasMessageContaining("sequential.latencyBound must be a positive whole number of milliseconds");
        assertThatThrownBy(() -> SequentialSpec.builder().latencyBound(Duration.ofNanos(1_500_000)).build())
                .hasMessageContaining("but was PT0.0015S");
    }
}
