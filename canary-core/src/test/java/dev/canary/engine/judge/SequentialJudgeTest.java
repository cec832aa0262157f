package dev.canary.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.RequestCounts;
import dev.canary.spec.SequentialSpec;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SequentialJudgeTest {
    static final SequentialSpec BOTH = SequentialSpec.ofDefaults();

    @Nested
    class SuccessRate {
        final SequentialJudge judge = SequentialJudge.of(MetricCheck.successRate(99), BOTH);

        @Test
        void derivesTheAllowedRateFromTheMinimumSuccessRateAndSplitsAlphaBetweenItsTwoTests() {
            assertThat(judge.allowedRate()).isCloseTo(0.01, within(1e-12));
            CheckStatistics s = judge.update(null, RequestCounts.of(100, 0), RequestCounts.of(900, 1));
            assertThat(s.tests()).extracting(Statistic::name).containsExactly("slo", "primary");
            assertThat(s.tests().get(0).upper()).isCloseTo(Math.log(200), within(1e-12));
        }

        @Test
        void takesEachTicksCountsRelativeToTheCumulativeCountsAlreadyTaken() {
            CheckStatistics s = judge.update(null, RequestCounts.of(100, 1), RequestCounts.of(900, 2));
            s = judge.update(s, RequestCounts.of(300, 2), RequestCounts.of(1600, 3));
            RateTest rate = RateTest.forBound(0.01);
            RatioTest ratio = RatioTest.ofDefaults();
            Statistic slo = s.tests().get(0);
            assertThat(slo.logLikelihoodRatio()).isCloseTo(rate.logLikelihoodRatio(2, 300), within(1e-9));
            assertThat(slo.canaryRequests()).isEqualTo(300);
            Statistic primary = s.tests().get(1);
            assertThat(primary.logLikelihoodRatio()).isCloseTo(ratio.logLikelihoodRatio(1, 2, 0.1)
                    + ratio.logLikelihoodRatio(1, 1, 200 / 900.0), within(1e-9));
        }

        @Test
        void leansTowardHarmAtTheDocumentedFractionsOfTheHarmBound() {
            // slo: one failure in 10 requests: ln 4 - 9 x 0.01519 = 1.2496, below half of ln 200 = 2.649
            CheckStatistics one = judge.update(null, RequestCounts.of(10, 1), RequestCounts.of(190, 1));
            assertThat(one.tests().get(0).logLikelihoodRatio()).isCloseTo(1.2496, within(1e-4));
            // primary at share 0.05: canary failure ln(0.0952/0.05) = 0.6444, primary failure ln(0.9048/0.95) = -0.0488
            assertThat(one.tests().get(1).logLikelihoodRatio()).isCloseTo(0.6444 - 0.0488, within(1e-4));
            assertThat(one.leansTowardHarm(0.5, 0.2)).isFalse(); // 0.5956 < 0.2 x 5.298 = 1.0597
            assertThat(one.leansTowardHarm(0.2, 0.5)).isTrue(); // 1.2496 >= 0.2 x 5.298
            CheckStatistics two = judge.update(null, RequestCounts.of(10, 2), RequestCounts.of(190, 0));
            assertThat(two.tests().get(1).logLikelihoodRatio()).isCloseTo(2 * 0.6444, within(1e-4));
            assertThat(two.leansTowardHarm(0.5, 0.2)).isTrue(); // the comparison: 1.2888 >= 1.0597
            // the comparison 1.2888 < 0.25 x 5.298 = 1.3246; slo 2 ln 4 - 8 x 0.01519 = 2.6511 < 0.6 x 5.298
            assertThat(two.leansTowardHarm(0.6, 0.25)).isFalse();
            assertThat(two.leansTowardHarm(0.5, 1)).isTrue(); // slo 2.6511 >= 2.6492
            CheckStatistics none = judge.update(null, RequestCounts.of(10, 0), RequestCounts.of(190, 1));
            assertThat(none.leansTowardHarm(0, 0)).isFalse(); // below 0 never leans
        }

        @Test
        void findsNoEvidenceWithoutTraffic() {
            CheckStatistics s = judge.update(null, RequestCounts.NONE, RequestCounts.NONE);
            for (int i = 0; i < 50; i++) {
                s = judge.update(s, RequestCounts.NONE, RequestCounts.NONE);
            }
            assertThat(s.finding()).isEqualTo(Finding.UNDECIDED);
            assertThat(s.tests()).allSatisfy(t -> assertThat(t.logLikelihoodRatio()).isZero());
        }

        @Test
        void showsHarmWhenTheCanaryFailsOftenAndKeepsIt() {
            CheckStatistics s = judge.update(null, RequestCounts.of(50, 6), RequestCounts.of(950, 5));
            assertThat(s.finding()).isEqualTo(Finding.HARM);
            s = judge.update(s, RequestCounts.of(5000, 6), RequestCounts.of(50000, 500));
            assertThat(s.finding()).isEqualTo(Finding.HARM);
            assertThat(s.describe()).contains("slo: 6/50 canary", "harm");
        }

        @Test
        void showsNoHarmWhenTheSloTestHasWhileTheComparisonCanStillRollBack() {
            CheckStatistics s = judge.update(null, RequestCounts.of(600, 0), RequestCounts.of(600, 0));
            assertThat(s.tests().get(0).finding()).isEqualTo(Finding.NO_HARM);
            assertThat(s.tests().get(1).finding()).isEqualTo(Finding.UNDECIDED);
            assertThat(s.finding()).isEqualTo(Finding.NO_HARM);
            s = judge.update(s, RequestCounts.of(6600, 40), RequestCounts.of(6600, 0));
            assertThat(s.tests().get(0).finding()).isEqualTo(Finding.NO_HARM);
            assertThat(s.tests().get(1).finding()).isEqualTo(Finding.HARM);
            assertThat(s.finding()).isEqualTo(Finding.HARM);
        }

        @Test
        void comparedWithThePrimaryOnlyShowsNoHarmWhenTheComparisonHas() {
            SequentialJudge primaryOnly = SequentialJudge.of(MetricCheck.successRate(99),
                    BOTH.toBuilder().against(SequentialSpec.Baseline.PRIMARY).build());
            CheckStatistics s = primaryOnly.update(null, RequestCounts.of(600, 0), RequestCounts.of(600, 0));
            assertThat(s.finding()).isEqualTo(Finding.UNDECIDED);
            s = primaryOnly.update(s, RequestCounts.of(1200, 0), RequestCounts.of(1200, 40));
            assertThat(s.finding()).isEqualTo(Finding.NO_HARM);
        }

        @Test
        void needsABoundToTestAgainstTheSlo() {
            MetricCheck unbounded = MetricCheck.builder("errors").query("sum(x)").build();
            assertThatThrownBy(() -> SequentialJudge.of(unbounded, BOTH))
                    .hasMessageContaining("metrics.errors").hasMessageContaining("allowedRate");
            SequentialSpec primaryOnly = BOTH.toBuilder().against(SequentialSpec.Baseline.PRIMARY).build();
            assertThat(SequentialJudge.of(unbounded, primaryOnly).update(null, RequestCounts.of(1, 0),
                    RequestCounts.of(1, 0)).tests()).extracting(Statistic::name).containsExactly("primary");
        }
    }

    @Nested
    class Latency {
        final SequentialJudge judge = SequentialJudge.of(MetricCheck.p99LatencyMillis(500), BOTH);

        RequestCounts counts(double requests, double le01, double le03, double le12, double le5) {
            return new RequestCounts(requests, 0, List.of(new RequestCounts.Bucket(0.1, le01),
                    new RequestCounts.Bucket(0.3, le03), new RequestCounts.Bucket(1.2, le12),
                    new RequestCounts.Bucket(5, le5)));
        }

        @Test
        void testsTheShareSlowerThanTheBoundAndComparesEveryBucketWithThePrimary() {
            CheckStatistics s = judge.update(null, counts(100, 80, 97, 100, 100), counts(900, 800, 890, 899, 900));
            assertThat(s.tests()).extracting(Statistic::name)
                    .containsExactly("slo", "primary le 0.1s", "primary le 0.3s", "primary le 1.2s", "primary le 5s");
            // 500 ms lies between buckets: the 0.3 s bucket is used, so 3 requests count as slow
            assertThat(s.tests().get(0).canaryEvents()).isEqualTo(3);
            assertThat(s.tests().get(1).canaryEvents()).isEqualTo(20);
            assertThat(s.tests().get(1).primaryEvents()).isEqualTo(100);
            assertThat(s.tests().get(0).upper()).isCloseTo(Math.log(500), within(1e-9));
        }

        @Test
        void catchesACanaryWhoseRequestsAreSlowerThanThePrimarys() {
            CheckStatistics s = null;
            for (int t = 1; t <= 20 && (s == null || s.finding() != Finding.HARM); t++) {
                s = judge.update(s, counts(200 * t, 150 * t, 199 * t, 200 * t, 200 * t),
                        counts(1800 * t, 1620 * t, 1795 * t, 1800 * t, 1800 * t));
            }
            assertThat(s.finding()).isEqualTo(Finding.HARM);
            assertThat(s.tests().get(1).finding()).isEqualTo(Finding.HARM);
        }

        @Test
        void aTemplateCheckWithALatencyBoundIsJudgedOnTheRequestsSlowerThanIt() {
            MetricCheck template = MetricCheck.builder("latency").templateRef(dev.canary.spec.ObjectRef.of("p99"))
                    .thresholdRange(dev.canary.spec.ThresholdRange.atMost(0.5))
                    .sequential(BOTH.toBuilder().latencyBound(java.time.Duration.ofMillis(300)).build()).build();
            SequentialJudge bounded = SequentialJudge.of(template, template.sequential());
            assertThat(bounded.latency()).isTrue();
            assertThat(bounded.boundSeconds()).isEqualTo(0.3);
            assertThat(bounded.allowedRate()).isEqualTo(SequentialSpec.DEFAULT_SLOW_SHARE);
            CheckStatistics s = bounded.update(null, counts(100, 80, 97, 100, 100), counts(900, 800, 890, 899, 900));
            assertThat(s.tests().get(0).canaryEvents()).isEqualTo(3);
        }

        @Test
        void startsTheComparisonsOnceTheCanarysBucketsAreKnownAndRefusesRequestsWithoutBuckets() {
            CheckStatistics idle = judge.update(null, RequestCounts.NONE, counts(900, 800, 890, 899, 900));
            assertThat(idle.tests()).isEmpty();
            assertThat(idle.finding()).isEqualTo(Finding.UNDECIDED);
            CheckStatistics s = judge.update(idle, counts(100, 80, 97, 100, 100), counts(1800, 1600, 1780, 1798, 1800));
            assertThat(s.tests()).extracting(Statistic::name)
                    .containsExactly("slo", "primary le 0.1s", "primary le 0.3s", "primary le 1.2s", "primary le 5s");
            // the primary's first 900 requests came while the canary had none: only the next 900 are compared
            assertThat(s.tests().get(1).primaryRequests()).isEqualTo(900);
            assertThat(judge.unusable(RequestCounts.of(100, 0), "canary")).contains("no latency buckets");
            assertThat(judge.unusable(RequestCounts.NONE, "canary")).isNull();
            assertThat(SequentialJudge.of(MetricCheck.successRate(99), BOTH).unusable(RequestCounts.of(100, 0),
                    "canary")).isNull();
        }
    }

    @Test
    void readsSlowRequestsFromTheLargestBucketAtOrBelowTheBound() {
        RequestCounts c = new RequestCounts(10, 1, List.of(new RequestCounts.Bucket(0.3, 9),
                new RequestCounts.Bucket(0.1, 5), new RequestCounts.Bucket(Double.POSITIVE_INFINITY, 10)));
        assertThat(c.buckets()).extracting(RequestCounts.Bucket::le).containsExactly(0.1, 0.3);
        assertThat(c.slowerThan(0.3)).isEqualTo(1);
        assertThat(c.slowerThan(0.2)).isEqualTo(5);
        assertThat(c.slowerThan(0.05)).isEqualTo(10);
        assertThatThrownBy(() -> RequestCounts.of(1, 2)).hasMessageContaining("failures must be between 0 and requests");
    }
}
