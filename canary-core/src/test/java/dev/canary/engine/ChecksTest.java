package dev.canary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChecksTest {
    static final MetricCheck RANGE = MetricCheck.builder("ratio").query("q")
            .thresholdRange(ThresholdRange.between(1, 2)).build();

    static CheckEvaluation eval(MetricCheck check, MetricResult result) {
        return Checks.evaluate(check, result);
    }

    @Nested
    class Values {
        @Test
        void boundsAreInclusive() {
            assertThat(eval(RANGE, MetricResult.value(1)).verdict()).isEqualTo(Verdict.PASS);
            assertThat(eval(RANGE, MetricResult.value(2)).verdict()).isEqualTo(Verdict.PASS);
            assertThat(eval(RANGE, MetricResult.value(0.999)).verdict()).isEqualTo(Verdict.FAIL);
            assertThat(eval(RANGE, MetricResult.value(2.001)).verdict()).isEqualTo(Verdict.FAIL);
        }

        @Test
        void theEvaluationCarriesValueBoundsSamplesAndSource() {
            CheckEvaluation e = eval(RANGE, new MetricResult.Value(1.5, 420, "sum(rate(x[1m]))"));

            assertThat(e.value()).isEqualTo(1.5);
            assertThat(e.range()).isEqualTo(ThresholdRange.between(1, 2));
            assertThat(e.samples()).isEqualTo(420);
            assertThat(e.source()).isEqualTo("sum(rate(x[1m]))");
            assertThat(e.detail()).isEqualTo("1.5 within [1.0, 2.0]");
        }

        @Test
        void anInfiniteValueIsNoDataAndNotStored() {
            CheckEvaluation e = eval(RANGE, MetricResult.value(Double.POSITIVE_INFINITY));

            assertThat(e.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(e.value()).isNull();
            assertThat(e.detail()).startsWith("no data: the value is +Inf").contains("onNoData FAIL");
        }

        @Test
        void nonFiniteValuesNeverPassAOneSidedBoundUnderEitherPolicy() {
            MetricCheck atLeast = MetricCheck.builder("rate").query("q")
                    .thresholdRange(ThresholdRange.atLeast(99)).build();
            MetricCheck atMost = MetricCheck.builder("latency").query("q")
                    .thresholdRange(ThresholdRange.atMost(500)).build();
            for (OutcomePolicy policy : OutcomePolicy.values()) {
                for (MetricCheck check : List.of(atLeast, atMost, RANGE)) {
                    MetricCheck c = check.toBuilder().onNoData(policy).onError(policy).build();
                    for (double v : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
                        CheckEvaluation e = eval(c, new MetricResult.Value(v, 1000, "q"));
                        assertThat(e.verdict()).as("%s %s %s", c.name(), policy, v).isNotEqualTo(Verdict.PASS)
                                .isEqualTo(policy == OutcomePolicy.FAIL ? Verdict.FAIL : Verdict.INCONCLUSIVE);
                        assertThat(e.detail()).contains("onNoData");
                    }
                }
            }
        }
    }

    @Nested
    class NotAValue {
        @Test
        void noDataNanAndErrorsFailByDefault() {
            assertThat(eval(RANGE, new MetricResult.NoData("empty", "q")).verdict()).isEqualTo(Verdict.FAIL);
            assertThat(eval(RANGE, MetricResult.value(Double.NaN)).verdict()).isEqualTo(Verdict.FAIL);
            assertThat(eval(RANGE, new MetricResult.Failed("503", "q")).verdict()).isEqualTo(Verdict.FAIL);
        }

        @Test
        void waitPoliciesMakeThemInconclusiveEachOnItsOwn() {
            MetricCheck noDataWaits = RANGE.toBuilder().onNoData(OutcomePolicy.WAIT).build();
            MetricCheck errorWaits = RANGE.toBuilder().onError(OutcomePolicy.WAIT).build();

            assertThat(eval(noDataWaits, new MetricResult.NoData("empty", "q")).verdict())
                    .isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(eval(noDataWaits, new MetricResult.Failed("503", "q")).verdict()).isEqualTo(Verdict.FAIL);
            assertThat(eval(errorWaits, new MetricResult.Failed("503", "q")).verdict())
                    .isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(eval(errorWaits, new MetricResult.NoData("empty", "q")).verdict()).isEqualTo(Verdict.FAIL);
        }

        @Test
        void theDetailSaysWhatHappenedAndHowItCounted() {
            CheckEvaluation e = eval(RANGE.toBuilder().onError(OutcomePolicy.WAIT).build(),
                    new MetricResult.Failed("connection refused", "q"));

            assertThat(e.detail()).isEqualTo("error: connection refused (inconclusive, onError WAIT)");
        }

        @Test
        void aCheckWithoutAResultCountsAsAnError() {
            List<CheckEvaluation> all = Checks.evaluate(List.of(RANGE), Map.of());

            assertThat(all).singleElement().satisfies(e -> {
                assertThat(e.verdict()).isEqualTo(Verdict.FAIL);
                assertThat(e.detail()).contains("no result");
            });
        }
    }

    @Nested
    class Samples {
        static final MetricCheck GUARDED = RANGE.toBuilder().minSamples(10).build();

        @Test
        void exactlyMinSamplesIsEnough() {
            assertThat(eval(GUARDED, new MetricResult.Value(1.5, 10, "q")).verdict()).isEqualTo(Verdict.PASS);
            assertThat(eval(GUARDED, new MetricResult.Value(1.5, 9, "q")).verdict()).isEqualTo(Verdict.FAIL);
            assertThat(eval(GUARDED, new MetricResult.Value(1.5, -1, "q")).detail())
                    .contains("did not report a sample count");
        }

        @Test
        void withoutMinSamplesAnUnknownCountIsFine() {
            assertThat(eval(RANGE, new MetricResult.Value(1.5, -1, "q")).verdict()).isEqualTo(Verdict.PASS);
        }
    }

    @Nested
    class Combine {
        static CheckEvaluation of(Verdict v) {
            return new CheckEvaluation("c", v, null, ThresholdRange.UNBOUNDED, -1, "", "");
        }

        @Test
        void aFailureWinsThenInconclusiveThenPass() {
            assertThat(Checks.combine(List.of(of(Verdict.PASS), of(Verdict.INCONCLUSIVE), of(Verdict.FAIL))))
                    .isEqualTo(Verdict.FAIL);
            assertThat(Checks.combine(List.of(of(Verdict.PASS), of(Verdict.INCONCLUSIVE))))
                    .isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(Checks.combine(List.of(of(Verdict.PASS)))).isEqualTo(Verdict.PASS);
            assertThat(Checks.combine(List.of())).isEqualTo(Verdict.PASS);
        }
    }
}
