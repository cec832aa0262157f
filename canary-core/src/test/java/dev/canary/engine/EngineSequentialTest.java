package dev.canary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.Phase;
import dev.canary.spec.Verdict;
import dev.canary.engine.judge.Finding;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.RequestCounts;
import dev.canary.spec.SequentialSpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.ThresholdRange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Sequential checks in the engine, on the seed spec (interval 10s, stepWeight 5, maxWeight 50, threshold 10). */
class EngineSequentialTest {
    static final SequentialSpec SLO = SequentialSpec.builder().against(SequentialSpec.Baseline.SLO).build();

    static CanarySpec spec(SequentialSpec settings) {
        return TestSpecs.analysis(a -> a.metrics(MetricCheck.successRate(99).toBuilder().sequential(settings).build()));
    }

    /** The canary serves {@code perTick} requests a tick since the analysis started, {@code failures} of them fail. */
    static SubjectCounts canary(double requests, double failures) {
        return new SubjectCounts(new MetricResult.Counts(RequestCounts.of(requests, failures), "counts"), null);
    }

    static World world(SequentialSpec settings) {
        return World.started(spec(settings));
    }

    @Nested
    class Harm {
        @Test
        void rollsBackInTheTickThatShowsHarmWithoutWaitingForTheThreshold() {
            World w = world(SLO);
            w.tick(); // starts the analysis: weight 5
            w.counts = (x, c) -> canary(50, 6);
            Decision d = w.tick();
            assertThat(w.state.rollbackReason()).contains("sequential checks showed harm", "request-success-rate",
                    "slo: 6/50 canary");
            assertThat(d.state().failedChecks()).isZero();
            CheckEvaluation e = d.state().history().get(d.state().history().size() - 1).checks().get(0);
            assertThat(e.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(e.samples()).isEqualTo(50);
            w.runToEnd(3);
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
        }

        @Test
        void holdsTheWeightWhileACheckLeansTowardHarm() {
            World w = world(SLO);
            w.tick();
            w.counts = (x, c) -> canary(10, 2);
            Decision d = w.tick();
            assertThat(w.state.canaryWeight()).isEqualTo(5);
            assertThat(d.state().history().get(d.state().history().size() - 1).summary())
                    .contains("holding at weight 5", "lean toward harm");
        }
    }

    @Nested
    class NoEvidence {
        @Test
        void advancesWithoutTrafficButNeverPromotesOnNoEvidence() {
            World w = world(SLO.toBuilder().maxHold(Duration.ofMinutes(1)).build());
            for (int i = 0; i < 12; i++) {
                w.tick();
            }
            assertThat(w.state.canaryWeight()).isEqualTo(50);
            assertThat(w.state.phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(w.state.sequential().checks().get("request-success-rate").finding())
                    .isEqualTo(Finding.UNDECIDED);
            w.runToEnd(10);
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.decisions.stream().map(d -> d.state().history().get(d.state().history().size() - 1)
                    .summary())).anyMatch(s -> s.contains("showed no harm within maxHold PT1M"));
        }

        @Test
        void promotesAfterTheHoldWhenTheCheckSaysSo() {
            World w = world(SLO.toBuilder().maxHold(Duration.ofSeconds(30))
                    .onUndecided(SequentialSpec.OnUndecided.PROMOTE).build());
            w.runToEnd(40);
            assertThat(w.state.phase()).isEqualTo(Phase.SUCCEEDED);
        }

        @Test
        void judgesMissingCountsByOnError() {
            World w = world(SLO);
            w.tick();
            w.counts = (x, c) -> new SubjectCounts(new MetricResult.Failed("down", "q"), null);
            w.tick();
            assertThat(w.state.failedChecks()).isEqualTo(1);
            assertThat(w.state.canaryWeight()).isEqualTo(5);
        }
    }

    @Nested
    class Promotion {
        @Test
        void promotesOnceTheCheckHasShownNoHarmAtTheCeiling() {
            World w = world(SLO);
            w.tick();
            int[] tick = {0};
            w.counts = (x, c) -> canary(100 * ++tick[0], 0);
            List<Decision> run = w.runToEnd(40);
            assertThat(w.state.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(w.state.sequential().checks().get("request-success-rate").finding())
                    .isEqualTo(Finding.NO_HARM);
            assertThat(run).hasSizeLessThan(16);
        }

        @Test
        void continuesTheSameTestAfterAResume() {
            World w = world(SLO);
            w.tick();
            w.counts = (x, c) -> canary(40, 2);
            w.tick();
            double llr = w.state.sequential().checks().get("request-success-rate").tests().get(0)
                    .logLikelihoodRatio();
            World resumed = new World(w.spec);
            resumed.state = w.state;
            resumed.now = w.now;
            resumed.routes = w.routes;
            resumed.revision = "v2";
            resumed.primaryRevision = w.primaryRevision;
            resumed.counts = (x, c) -> canary(60, 3);
            resumed.tick();
            var test = resumed.state.sequential().checks().get("request-success-rate").tests().get(0);
            assertThat(test.canaryRequests()).isEqualTo(60);
            assertThat(test.canaryEvents()).isEqualTo(3);
            assertThat(test.logLikelihoodRatio()).isNotEqualTo(llr);
        }
    }

    /**
     * A metric-template check whose template names the latency buckets (annotation
     * {@code sequential.canary.dev/buckets}) and whose settings name the bound: judged on slow requests, against
     * the SLO and against the primary at every bucket bound, like {@code request-duration}.
     */
    @Nested
    class TemplateLatency {
        static final SequentialSpec LATENCY = SequentialSpec.builder().latencyBound(Duration.ofMillis(500)).build();

        /** The template's value is p99 in seconds: thresholdRange 0.5 means 500 ms, not 0.5 ms. */
        static CanarySpec templateSpec(SequentialSpec settings) {
            return TestSpecs.analysis(a -> a.metrics(MetricCheck.builder("latency")
                    .templateRef(ObjectRef.of("p99-latency")).thresholdRange(ThresholdRange.atMost(0.5))
                    .sequential(settings).build()));
        }

        /** {@code ticks} ticks of {@code perTick} requests, {@code slow} of them slower than 0.5 s. */
        static MetricResult.Counts histogram(int ticks, double perTick, double slow) {
            double n = ticks * perTick;
            double s = ticks * slow;
            return new MetricResult.Counts(new RequestCounts(n, 0, List.of(
                    new RequestCounts.Bucket(0.25, (n - s) * 0.9), new RequestCounts.Bucket(0.5, n - s),
                    new RequestCounts.Bucket(1, n))), "template counts");
        }

        World regression(SequentialSpec settings, double canarySlowPerHundred) {
            World w = World.started(templateSpec(settings));
            w.tick();
            int[] tick = {0};
            w.counts = (x, c) -> {
                tick[0]++;
                return new SubjectCounts(histogram(tick[0], 100, canarySlowPerHundred),
                        histogram(tick[0], 1000, 10));
            };
            return w;
        }

        @Test
        void rollsBackALatencyRegressionAgainstTheBoundOnSlowRequests() {
            World w = regression(LATENCY.toBuilder().against(SequentialSpec.Baseline.SLO).build(), 12);
            w.runToEnd(10);
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.decisions).anySatisfy(d -> assertThat(d.state().history()).anySatisfy(h ->
                    assertThat(h.summary()).contains("sequential checks showed harm", "latency",
                            "slo: 12/100 canary")));
        }

        @Test
        void rollsBackALatencyRegressionAgainstThePrimaryAtEveryBucketBound() {
            World w = regression(LATENCY.toBuilder().against(SequentialSpec.Baseline.PRIMARY).build(), 12);
            w.runToEnd(10);
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            var tests = w.state.sequential().checks().get("latency").tests();
            assertThat(tests).extracting(dev.canary.engine.judge.Statistic::name)
                    .containsExactly("primary le 0.25s", "primary le 0.5s", "primary le 1s");
            assertThat(tests).anySatisfy(t -> assertThat(t.finding()).isEqualTo(Finding.HARM));
        }

        @Test
        void promotesACanaryAsFastAsThePrimary() {
            World w = regression(LATENCY, 0.2);
            w.runToEnd(60);
            assertThat(w.state.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(w.state.sequential().checks().get("latency").finding()).isEqualTo(Finding.NO_HARM);
        }

        @Test
        void judgesCountsWithoutBucketsByOnErrorNeverAsAllSlow() {
            World w = World.started(templateSpec(LATENCY));
            w.tick();
            w.counts = (x, c) -> new SubjectCounts(new MetricResult.Counts(RequestCounts.of(100, 0), "no buckets"),
                    new MetricResult.Counts(RequestCounts.of(1000, 0), "no buckets"));
            Decision d = w.tick();
            assertThat(w.state.failedChecks()).isEqualTo(1);
            assertThat(w.state.phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(d.state().history().get(d.state().history().size() - 1).checks().get(0).detail())
                    .contains("no latency buckets", "sequential.canary.dev/buckets");
        }
    }

    @Test
    void asksForThePrimarysCountsOnlyWhenACheckComparesWithIt() {
        World slo = world(SLO);
        slo.tick();
        slo.tick();
        assertThat(slo.lastAsks()).anySatisfy(needs -> assertThat(needs).contains(Need.COUNTS)
                .doesNotContain(Need.METRICS));
        World both = world(SequentialSpec.ofDefaults());
        both.counts = (x, c) -> new SubjectCounts(new MetricResult.Counts(RequestCounts.of(100, 0), "c"), null);
        both.tick();
        both.tick();
        // a check compared with the primary without the primary's counts is judged by onError
        assertThat(both.state.failedChecks()).isEqualTo(1);
    }
}
