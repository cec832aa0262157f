package dev.canary.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.canary.spec.RequestCounts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficTest {

    @Test
    void swingsWithTheTimeOfDayAndBursts() {
        Traffic t = Traffic.builder().requestsPerSecond(100).diurnal(0.5, Duration.ofHours(24))
                .burst(Duration.ofMinutes(1), Duration.ofSeconds(10), 3).build();
        assertThat(t.rate(Duration.ZERO, 0)).isCloseTo(100, within(1e-9));
        assertThat(t.rate(Duration.ofHours(6), 0)).isCloseTo(150, within(1e-9));
        assertThat(t.rate(Duration.ofHours(18), 0)).isCloseTo(50, within(1e-9));
        // the burst multiplies the daily rate, which has barely moved a minute into the day
        assertThat(t.rate(Duration.ofSeconds(65), 0)).isCloseTo(300, within(1.0));
        assertThat(t.rate(Duration.ofSeconds(70), 0)).isCloseTo(100, within(1.0));
    }

    @Test
    void theCanaryChangesBehaviourAtTheGivenTimes() {
        Traffic t = Traffic.builder().canary(Behaviour.errors(0.01))
                .canaryFrom(Duration.ofMinutes(2), Behaviour.errors(0.2))
                .canaryFrom(Duration.ofMinutes(1), Behaviour.errors(0.1)).build();
        assertThat(t.canary(Duration.ofSeconds(59)).errorRate()).isEqualTo(0.01);
        assertThat(t.canary(Duration.ofSeconds(60)).errorRate()).isEqualTo(0.1);
        assertThat(t.canary(Duration.ofMinutes(5)).errorRate()).isEqualTo(0.2);
    }

    @Test
    void aLogNormalLatencyHasTheGivenMedianAndP99() {
        Latency l = Latency.of(Duration.ofMillis(50), Duration.ofMillis(200));
        assertThat(l.cdf(0.05)).isCloseTo(0.5, within(1e-6));
        assertThat(l.cdf(0.2)).isCloseTo(0.99, within(1e-6));
        assertThat(l.scaled(1.3).cdf(0.26)).isCloseTo(0.99, within(1e-6));
        assertThatThrownBy(() -> Latency.of(Duration.ofMillis(50), Duration.ofMillis(10)))
                .hasMessageContaining("0 < median < p99");
    }

    @Test
    void computesHistogramQuantilesAsPrometheusDoes() {
        RequestCounts c = new RequestCounts(100, 0, List.of(new RequestCounts.Bucket(0.1, 90),
                new RequestCounts.Bucket(0.3, 98), new RequestCounts.Bucket(1.2, 100)));
        // rank 99 lies halfway into the (0.3, 1.2] bucket
        assertThat(Sampling.histogramQuantile(0.99, c)).isCloseTo(0.75, within(1e-9));
        assertThat(Sampling.histogramQuantile(0.5, c)).isCloseTo(0.1 * 50 / 90, within(1e-9));
        assertThat(Sampling.histogramQuantile(0.99, RequestCounts.NONE)).isNaN();
    }
}
