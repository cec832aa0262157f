package dev.canary.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.report.RunReport;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spec.Verdict;
import dev.canary.testkit.ContractSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BacktestTest {
    static final CanarySpec SEED = ContractSpecs.seed();
    static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    static final Release RELEASE = Release.at("v2", START);

    static Backtest backtest(CanarySpec spec, History history) {
        return Backtest.builder().spec(spec).history(history).build();
    }

    static CanarySpec withThreshold(int threshold) {
        return SEED.toBuilder().analysis(SEED.analysis().toBuilder().threshold(threshold).build()).build();
    }

    @Nested
    class HealthyRelease {
        final ReleaseResult result = backtest(SEED, FakeHistory.healthy()).run(RELEASE);

        @Test
        void isPromotedAfterStepping5To50() {
            assertThat(result.outcome()).isEqualTo(Outcome.PROMOTED);
            assertThat(result.ticks()).extracting(t -> t.decision().canaryWeight())
                    .startsWith(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 50, 0, 0);
            assertThat(result.ticks().get(result.ticks().size() - 1).decision().phase()).isEqualTo(Phase.SUCCEEDED);
        }

        @Test
        void decidesAtTheTickThatPromotes() {
            // tick 0 detects, ticks 1..10 step to 50, tick 11 passes at 50 and promotes
            assertThat(result.decidedAt()).isEqualTo(START.plusSeconds(110));
            assertThat(result.reason()).contains("copying the canary's revision to the primary");
            assertThat(result.failures()).isEmpty();
            assertThat(result.decidingChecks()).isEmpty();
        }

        @Test
        void ticksEveryIntervalFromTheStartWithEachChecksEvidence() {
            assertThat(result.ticks()).extracting(t -> t.decision().at())
                    .startsWith(START, START.plusSeconds(10), START.plusSeconds(20));
            List<CheckEvaluation> checks = result.ticks().get(2).decision().checks();
            assertThat(checks).extracting(CheckEvaluation::name)
                    .containsExactly(MetricCheck.REQUEST_SUCCESS_RATE, MetricCheck.REQUEST_DURATION);
            assertThat(checks.get(0).value()).isEqualTo(99.9);
            assertThat(checks.get(0).range().min()).isEqualTo(99.0);
        }
    }

    @Nested
    class FailingRelease {
        /** The success rate drops to 98 % from 10:01:00 on. */
        final FakeHistory history = new FakeHistory((check, t) -> FakeHistory.value(check,
                t.isBefore(START.plusSeconds(60)) ? 99.9 : 98, 120), t -> null);

        @Test
        void rollsBackWhenTheThresholdIsReachedAndNamesTheDecidingCheck() {
            ReleaseResult result = backtest(SEED, history).run(RELEASE);
            assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
            // failures at 10:01:00 .. 10:02:30 are the 10th failed check
            assertThat(result.decidedAt()).isEqualTo(START.plusSeconds(150));
            assertThat(result.failures()).containsExactly(Map.entry(MetricCheck.REQUEST_SUCCESS_RATE, 10));
            assertThat(result.decidingChecks()).containsExactly(MetricCheck.REQUEST_SUCCESS_RATE);
            ReplayTick last = result.ticks().get(result.ticks().size() - 1);
            assertThat(last.decision().phase()).isEqualTo(Phase.FAILED);
            assertThat(last.decision().canaryWeight()).isZero();
        }

        @Test
        void reportsTheReplayAsALiveRunsStatusThatTheRunReportDraws() {
            ReleaseResult result = backtest(SEED, history).run(RELEASE);
            assertThat(result.status().canary()).isEqualTo("demo-canary/podinfo (backtest of v2)");
            assertThat(result.status().phase()).isEqualTo(Phase.FAILED);
            assertThat(result.status().history()).hasSize(result.ticks().size());
            assertThat(RunReport.html(result.status())).contains("demo-canary/podinfo (backtest of v2)")
                    .contains("request-success-rate");
        }

        @Test
        void aLowerThresholdRollsBackSooner() {
            Comparison comparison = backtest(SEED, history).compare(backtest(withThreshold(5), history),
                    List.of(RELEASE));
            assertThat(comparison.first().releases().get(0).decidedAt()).isEqualTo(START.plusSeconds(150));
            assertThat(comparison.second().releases().get(0).decidedAt()).isEqualTo(START.plusSeconds(100));
            assertThat(comparison.differences()).isEmpty();
            assertThat(BacktestText.comparison(comparison, "threshold 10", "threshold 5"))
                    .contains("rolled back after 150 s (request-success-rate)")
                    .contains("rolled back after 100 s (request-success-rate)");
        }
    }

    @Nested
    class NoData {
        final FakeHistory empty = new FakeHistory((check, t) -> new MetricResult.NoData("no series", "q"), t -> null);

        @Test
        void countsAsAFailureByDefaultAsInFlagger() {
            ReleaseResult result = backtest(SEED, empty).run(RELEASE);
            assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(result.failures()).containsEntry(MetricCheck.REQUEST_SUCCESS_RATE, 10)
                    .containsEntry(MetricCheck.REQUEST_DURATION, 10);
            assertThat(BacktestText.timeline(result)).contains("no data FAIL");
        }

        @Test
        void holdsUntilTheWindowEndsWhenNoDataWaits() {
            CanarySpec waiting = SEED.toBuilder().analysis(SEED.analysis().toBuilder().metrics(
                    MetricCheck.builder(MetricCheck.REQUEST_SUCCESS_RATE).thresholdRange(
                            MetricCheck.successRate(99).thresholdRange()).onNoData(OutcomePolicy.WAIT).build())
                    .build()).build();
            Backtest backtest = Backtest.builder().spec(waiting).history(empty).maxDuration(Duration.ofMinutes(2))
                    .build();
            ReleaseResult result = backtest.run(RELEASE);
            assertThat(result.outcome()).isEqualTo(Outcome.UNDECIDED);
            assertThat(result.decidedAt()).isNull();
            assertThat(result.ticks()).hasSize(13);
            assertThat(result.reason()).startsWith("still Progressing at canary weight 5 after 13 ticks");
        }
    }

    @Nested
    class RecordedWeights {
        /** The real router moved 10 points every tick from 10:00:20 on. */
        final FakeHistory history = new FakeHistory((check, t) -> FakeHistory.value(check, 99.9, 120), t -> {
            long k = (t.getEpochSecond() - START.getEpochSecond()) / 10;
            return k < 2 ? null : Routes.canary((int) Math.min(50, 10 * (k - 1)));
        });

        @Test
        void theEngineFollowsTheRoutersRecordedWeights() {
            ReleaseResult result = Backtest.builder().spec(SEED).history(history).weights(Weights.RECORDED).build()
                    .run(RELEASE);
            assertThat(result.weights()).isEqualTo(Weights.RECORDED);
            assertThat(result.ticks().get(3).routes()).isEqualTo(Routes.canary(20));
            assertThat(result.ticks().get(3).recorded()).isEqualTo(Routes.canary(20));
            assertThat(result.outcome()).isEqualTo(Outcome.PROMOTED);
            // 50 is recorded at 10:01:00; that tick passes at the max weight and promotes
            assertThat(result.decidedAt()).isEqualTo(START.plusSeconds(60));
        }

        @Test
        void theSpecsWeightsIgnoreTheRecordedOnesButShowThem() {
            ReleaseResult result = backtest(SEED, history).run(RELEASE);
            assertThat(result.ticks().get(3).routes()).isEqualTo(Routes.canary(10));
            assertThat(result.ticks().get(3).recorded()).isEqualTo(Routes.canary(20));
            assertThat(result.decidedAt()).isEqualTo(START.plusSeconds(110));
        }
    }

    @Nested
    class Reports {
        @Test
        void summarisesRollbacksAndTheChecksThatDecided() {
            FakeHistory history = new FakeHistory((check, t) -> FakeHistory.value(check,
                    t.isBefore(START.plusSeconds(3600)) ? 99.9 : 97,
                    t.isBefore(START.plusSeconds(7200)) ? 120 : 900), t -> null);
            BacktestReport report = backtest(SEED, history).run(List.of(RELEASE,
                    Release.at("v3", START.plusSeconds(3600)), Release.at("v4", START.plusSeconds(7200))));
            assertThat(report.releases()).extracting(ReleaseResult::outcome)
                    .containsExactly(Outcome.PROMOTED, Outcome.ROLLED_BACK, Outcome.ROLLED_BACK);
            assertThat(report.rollbackRate()).isEqualTo(2.0 / 3);
            assertThat(report.decidingChecks()).containsExactly(Map.entry(MetricCheck.REQUEST_SUCCESS_RATE, 2L),
                    Map.entry(MetricCheck.REQUEST_DURATION, 1L));
            assertThat(BacktestText.summary(report)).contains("1 promoted, 2 rolled back (67%), 0 undecided")
                    .contains("rollbacks decided by: request-success-rate 2, request-duration 1");
        }

        @Test
        void theTimelineShowsEachTicksValuesAndDecision() {
            String text = BacktestText.timeline(backtest(SEED, FakeHistory.healthy()).run(RELEASE));
            assertThat(text).contains("weights: as the spec would have set them")
                    .contains("10:00:20  Progressing           10      -    0/10  99.90 ok")
                    .contains("canary weight 5 -> 10")
                    .contains("=> PROMOTED at 10:01:50 (110 s after the start)");
        }

        @Test
        void aWindowNeedsAHistoryThatFindsReleases() {
            Backtest backtest = backtest(SEED, FakeHistory.healthy());
            assertThatThrownBy(() -> backtest.run(START, START.plusSeconds(60)))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("start times");
        }

        @Test
        void theBuilderNamesEveryMissingSetting() {
            assertThatThrownBy(() -> Backtest.builder().build()).hasMessage(
                    "invalid backtest: spec is required; history is required");
        }

        @Test
        void checksEveryTickAVerdict() {
            ReleaseResult result = backtest(SEED, FakeHistory.healthy()).run(RELEASE);
            assertThat(result.ticks().stream().flatMap(t -> t.decision().checks().stream()))
                    .allMatch(c -> c.verdict() == Verdict.PASS);
        }
    }

    @Test
    void theDefaultLengthCoversAHealthyRunWithRoomForTheThreshold() {
        // 2 + 10 steps + promote + 1 promotion step + finalise + threshold 10 + slack 10
        assertThat(Backtest.defaultMaxDuration(SEED)).isEqualTo(Duration.ofSeconds(350));
        assertThat(AnalysisSpec.builder().build().interval()).isEqualTo(Duration.ofSeconds(60));
    }
}
