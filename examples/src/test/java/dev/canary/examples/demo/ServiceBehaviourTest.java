package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceBehaviourTest {

    @Test
    void healthyAnswersEveryRequestAtOnce() {
        ServiceBehaviour v1 = ServiceBehaviour.healthy("v1");
        assertThat(v1.revision()).isEqualTo("v1");
        assertThat(v1.errorPercent()).isZero();
        assertThat(v1.latency()).isZero();
    }

    @Test
    void rejectsAnErrorRateOutsideZeroToHundred() {
        assertThatThrownBy(() -> new ServiceBehaviour("v2", 101, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("errorPercent must be between 0 and 100 but was 101.0");
        assertThatThrownBy(() -> new ServiceBehaviour("v2", Double.NaN, Duration.ZERO))
                .hasMessageContaining("errorPercent");
    }

    @Test
    void rejectsNegativeLatencyAndBlankRevisions() {
        assertThatThrownBy(() -> new ServiceBehaviour("v2", 0, Duration.ofMillis(-1)))
                .hasMessageContaining("latency must not be negative");
        assertThatThrownBy(() -> new ServiceBehaviour(" ", 0, Duration.ZERO))
                .hasMessage("revision must not be blank");
    }

    @Test
    void describesItselfForTheDemoOutput() {
        assertThat(new ServiceBehaviour("v2", 10, Duration.ofMillis(300)))
                .hasToString("v2 (10.0 % errors, +300 ms)");
    }
}
