package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.AlertSpec;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoRunTest {
    private static final CanarySpec SEED = DemoManifest.load(DemoManifest.SEED).manifest().spec();

    @Nested
    class TimeLimit {
        @Test
        void coversEveryStepAndTheThresholdTwiceAtTheInterval() {
            // 10 steps of 5 up to 50, threshold 10, 6 more ticks: twice that at 10 s, plus 30 s
            assertThat(DemoRun.timeLimit(SEED.analysis())).isEqualTo(Duration.ofSeconds(2 * 10 * (10 + 10 + 6) + 30));
        }

        @Test
        void countsExplicitStepWeightsAndIterations() {
            AnalysisSpec base = SEED.analysis();
            assertThat(DemoRun.timeLimit(base.toBuilder().interval(Duration.ofSeconds(1)).stepWeights(1, 2, 5)
                    .build())).isEqualTo(Duration.ofSeconds(2 * (3 + 10 + 6) + 30));
            assertThat(DemoRun.timeLimit(base.toBuilder().interval(Duration.ofSeconds(1)).iterations(4).build()))
                    .isEqualTo(Duration.ofSeconds(2 * (4 + 10 + 6) + 30));
        }
    }

    @Nested
    class AlertProviders {
        @Test
        void printsEveryAlertUnderOneNameWhenTheSpecSubscribesNone() {
            assertThat(DemoRun.alertProviderNames(SEED)).containsExactly(DemoRun.ALERT_PROVIDER);
        }

        @Test
        void printsUnderTheNamesTheSpecsAlertsReferTo() {
            CanarySpec spec = SEED.toBuilder().analysis(SEED.analysis().toBuilder().alerts(List.of(
                    new AlertSpec("on-call", Severity.ERROR, new ObjectRef("pagerduty", null)),
                    new AlertSpec("team", Severity.INFO, new ObjectRef("slack", "flagger")))).build()).build();
            assertThat(DemoRun.alertProviderNames(spec)).containsExactly("pagerduty", "slack");
        }
    }
}
