package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryResult;
import dev.canary.RunStatus;
import dev.canary.examples.demo.TrafficSplit;
import dev.canary.spec.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoReportTest {

    private static CanaryResult result(Phase phase) {
        RunStatus status = new RunStatus("demo/podinfo", Instant.EPOCH, phase, 0, false, 0, 3, 0, Map.of(), List.of(),
                null);
        return new CanaryResult("demo/podinfo", phase, "done", Duration.ofSeconds(20), status);
    }

    @Test
    void exitsZeroWhenPromotedAndOneWhenRolledBack() {
        assertThat(new DemoReport(result(Phase.SUCCEEDED), List.of(), new TrafficSplit(1, 0), "v2").exitCode())
                .isZero();
        assertThat(new DemoReport(result(Phase.FAILED), List.of(), new TrafficSplit(1, 0), "v1").exitCode())
                .isEqualTo(1);
    }

    @Test
    void thePeakIsTheHighestWeightOfAnyTick() {
        DemoReport report = new DemoReport(result(Phase.SUCCEEDED), List.of(0, 10, 50, 50, 0), new TrafficSplit(1, 0),
                "v2");
        assertThat(report.peakWeight()).isEqualTo(50);
        assertThat(new DemoReport(result(Phase.FAILED), List.of(), new TrafficSplit(0, 0), "v1").peakWeight())
                .isZero();
    }
}
