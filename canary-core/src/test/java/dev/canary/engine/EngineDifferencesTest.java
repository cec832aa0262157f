package dev.canary.engine;

import static dev.canary.engine.EngineTest.events;
import static dev.canary.engine.EngineTest.weights;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.Phase;
import dev.canary.spec.Readiness;
import dev.canary.spec.RollbackTiming;
import dev.canary.spec.Routes;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test (at least) per deliberate difference from Flagger; see docs/engine.md. */
class EngineDifferencesTest {

    @Nested
    class MaxWeightIsNeverExceeded {
        @Test
        void stepTwentyWithMaxFiftyGoesTwentyFortyFifty() {
            World w = World.started(TestSpecs.analysis(a -> a.stepWeight(20)));

            List<Decision> run = w.runToEnd(20);

            assertThat(weights(run)).containsExactly(20, 40, 50, 50, 0, 0);
            assertThat(w.routesAfter).allSatisfy(r -> assertThat(r.canary()).isLessThanOrEqualTo(50));
        }
    }

    @Nested
    class ProgressDeadlineIsAWallClockDeadline {
        @Test
        void aCanaryThatNeverBecomesReadyRollsBackWhenTheDeadlinePasses() {
            World w = World.started(TestSpecs.seed());
            w.canary = Readiness.waiting("0 of 1 updated replicas available");

            for (int i = 0; i < 6; i++) {
                assertThat(w.tick().state().rollbackReason()).isNull();
            }
            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).isEqualTo("canary not ready within progressDeadline PT1M: "
                    + "0 of 1 updated replicas available");
            w.step();
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
        }

        @Test
        void theDeadlineIsMeasuredWithNowNotInTicks() {
            World w = World.started(TestSpecs.seed());
            w.canary = Readiness.waiting("pulling image");
            w.tick();
            w.now = w.now.plus(Duration.ofMinutes(5));

            assertThat(w.step().state().rollbackReason()).startsWith("canary not ready within progressDeadline");
        }

        @Test
        void becomingReadyResetsTheWait() {
            World w = World.started(TestSpecs.seed());
            w.canary = Readiness.waiting("slow");
            for (int i = 0; i < 5; i++) {
                w.tick();
            }
            w.canary = Readiness.READY;
            w.tick();
            w.canary = Readiness.waiting("slow again");

            for (int i = 0; i < 5; i++) {
                assertThat(w.tick().state().rollbackReason()).isNull();
            }
        }

        @Test
        void aPrimaryStuckInPromotionRollsBackToThePrimaryNotToTheCanary() {
            World w = World.started(TestSpecs.seed());
            w.primaryAfterPromote = Readiness.waiting("new primary pods not available");
            w.untilPhase(Phase.PROMOTING, 20);

            List<Decision> rest = w.runToEnd(20);

            assertThat(rest.get(rest.size() - 2).state().rollbackReason())
                    .startsWith("primary not ready within progressDeadline");
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.state.canaryWeight()).isZero();
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
        }

        @Test
        void aPrimaryThatNeverBecomesReadyFailsTheInitialization() {
            World w = new World(TestSpecs.seed());
            w.primary = Readiness.waiting("primary rolling out");

            w.runToEnd(20);

            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(events(w, Event.RolledBack.class)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).startsWith("primary not ready within progressDeadline"));
        }
    }

    @Nested
    class RollbackInTheSameTick {
        @Test
        void withThresholdOneTheFirstFailureRollsBackInItsOwnTick() {
            World w = World.started(TestSpecs.analysis(a -> a.threshold(1)));
            w.tick();
            w.metrics = World.with("request-success-rate", MetricResult.value(10));

            Decision d = w.tick();

            assertThat(d.state().failedChecks()).isEqualTo(1);
            assertThat(d.state().rollbackReason()).startsWith("failed checks threshold reached 1/1");
        }

        @Test
        void flaggersTimingRollsBackAtTheStartOfTheNextTickWithoutAnalysing() {
            World w = World.started(TestSpecs.analysis(a -> a.threshold(1).rollbackTiming(RollbackTiming.NEXT_TICK)));
            w.tick();
            w.metrics = World.with("request-success-rate", MetricResult.value(10));
            assertThat(w.tick().state().rollbackReason()).isNull();
            int rounds = w.metricRounds;

            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).startsWith("failed checks threshold reached 1/1");
            assertThat(w.metricRounds).isEqualTo(rounds);
        }
    }

    @Nested
    class NoDataIsNotABadValue {
        static final MetricCheck WAITING_RATE = MetricCheck.successRate(99).toBuilder()
                .onNoData(OutcomePolicy.WAIT).onError(OutcomePolicy.WAIT).build();

        World world(MetricCheck rate) {
            World w = World.started(TestSpecs.analysis(a -> a.metrics(rate, MetricCheck.p99LatencyMillis(500))));
            w.tick();
            return w;
        }

        @Test
        void noDataFailsByDefaultLikeFlagger() {
            World w = world(MetricCheck.successRate(99));
            w.metrics = World.with("request-success-rate", new MetricResult.NoData("empty vector", "q"));

            Decision d = w.tick();

            assertThat(d.state().failedChecks()).isEqualTo(1);
            assertThat(d.state().lastChecks().get("request-success-rate").verdict()).isEqualTo(Verdict.FAIL);
        }

        @Test
        void noDataWithWaitHoldsWithoutCountingAFailure() {
            World w = world(WAITING_RATE);
            w.metrics = World.with("request-success-rate", new MetricResult.NoData("empty vector", "q"));

            Decision d = w.tick();

            assertThat(d.state().failedChecks()).isZero();
            assertThat(d.state().canaryWeight()).isEqualTo(5);
            assertThat(d.state().lastChecks().get("request-success-rate").verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        }

        @Test
        void nanCountsAsNoData() {
            World w = world(WAITING_RATE);
            w.metrics = World.with("request-success-rate", MetricResult.value(Double.NaN));

            assertThat(w.tick().state().failedChecks()).isZero();
            assertThat(w.state.canaryWeight()).isEqualTo(5);
        }

        @Test
        void providerErrorsFollowOnError() {
            World failing = world(MetricCheck.successRate(99));
            World waiting = world(WAITING_RATE);
            failing.metrics = World.with("request-success-rate", new MetricResult.Failed("connection refused", "q"));
            waiting.metrics = failing.metrics;

            assertThat(failing.tick().state().failedChecks()).isEqualTo(1);
            assertThat(waiting.tick().state().failedChecks()).isZero();
        }

        @Test
        void aBadValueFailsEvenWithWait() {
            World w = world(WAITING_RATE);
            w.metrics = World.with("request-success-rate", MetricResult.value(90));

            assertThat(w.tick().state().failedChecks()).isEqualTo(1);
        }
    }

    @Nested
    class MinimumSamples {
        static final MetricCheck GUARDED = MetricCheck.builder("errors").query("sum(errors)")
                .thresholdRange(ThresholdRange.atMost(1)).minSamples(100).onNoData(OutcomePolicy.WAIT).build();

        World world() {
            World w = World.started(TestSpecs.analysis(a -> a.metrics(GUARDED)));
            w.tick();
            return w;
        }

        @Test
        void tooFewSamplesAreInconclusiveEvenForABadValue() {
            World w = world();
            w.metrics = (x, c) -> new MetricResult.Value(50, 12, "q");

            Decision d = w.tick();

            assertThat(d.state().failedChecks()).isZero();
            assertThat(d.state().canaryWeight()).isEqualTo(5);
            assertThat(d.state().lastChecks().get("errors").detail()).contains("12 samples")
                    .contains("minSamples is 100");
        }

        @Test
        void anUnknownSampleCountIsTooFew() {
            World w = world();
            w.metrics = (x, c) -> new MetricResult.Value(0, -1, "q");

            assertThat(w.tick().state().canaryWeight()).isEqualTo(5);
        }

        @Test
        void enoughSamplesAreJudged() {
            World w = world();
            w.metrics = (x, c) -> new MetricResult.Value(50, 100, "q");

            assertThat(w.tick().state().failedChecks()).isEqualTo(1);
            w.metrics = (x, c) -> new MetricResult.Value(0, 5000, "q");
            assertThat(w.tick().state().canaryWeight()).isEqualTo(10);
        }
    }

    @Nested
    class UnknownRevisionIsNeverAChange {
        @Test
        void anUnreadableTargetDoesNotStartARun() {
            World w = World.initialized(TestSpecs.seed());
            w.revision = null;

            assertThat(w.tick().state().phase()).isEqualTo(Phase.INITIALIZED);
        }

        @Test
        void anUnreadableTargetMidRunDoesNotRestartTheAnalysis() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.tick();
            w.revision = null;

            Decision d = w.tick();

            assertThat(d.state().canaryWeight()).isEqualTo(15);
            assertThat(d.state().lastAppliedRevision()).isEqualTo("v2");
        }
    }

    @Nested
    class EveryCheckIsEvaluated {
        @Test
        void twoFailingChecksAreBothReportedButCountOnce() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.metrics = (x, c) -> c.name().equals("request-success-rate") ? MetricResult.value(50)
                    : MetricResult.value(2000);

            Decision d = w.tick();

            assertThat(d.state().failedChecks()).isEqualTo(1);
            assertThat(events(d, Event.CheckEvaluated.class)).extracting(e -> e.evaluation().verdict())
                    .containsExactly(Verdict.FAIL, Verdict.FAIL);
            assertThat(d.state().lastChecks().values()).extracting(c -> c.value()).containsExactly(50.0, 2000.0);
        }
    }

    @Nested
    class ConfirmTrafficIncreaseAfterMirroring {
        @Test
        void isAskedForTheFirstStepAfterTheMirroredTick() {
            World w = World.started(TestSpecs.analysis(a -> a.mirror(true)
                    .webhooks(TestSpecs.hook(HookType.CONFIRM_TRAFFIC_INCREASE))));
            w.tick();
            assertThat(w.routes).isEqualTo(Routes.mirroredToCanary());
            assertThat(w.gateCalls).doesNotContainKey(HookType.CONFIRM_TRAFFIC_INCREASE);
            w.answer(HookType.CONFIRM_TRAFFIC_INCREASE, GateResult.waiting("hold"));

            w.tick();

            assertThat(w.gateCalls.get(HookType.CONFIRM_TRAFFIC_INCREASE)).isEqualTo(1);
            assertThat(w.routes).isEqualTo(Routes.mirroredToCanary());
        }
    }

    @Nested
    class RevertToThePrimaryRevisionMidRun {
        @Test
        void doesNotRestartTheAnalysis() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.tick();
            w.revision = "v1";

            Decision d = w.tick();

            assertThat(d.state().canaryWeight()).isEqualTo(15);
            assertThat(d.state().lastAppliedRevision()).isEqualTo("v2");
        }
    }

    @Nested
    class RefusedPromotionInIterations {
        @Test
        void keepsTheIterationsAtTheirTotalAndAsksAgainOnTheNextPassingTick() {
            World w = World.started(TestSpecs.blueGreenWithHook(HookType.CONFIRM_PROMOTION));
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.waiting("freeze"));
            w.untilPhase(Phase.WAITING_PROMOTION, 10);
            int asked = w.gateCalls.get(HookType.CONFIRM_PROMOTION);

            Decision d = w.tick();

            assertThat(d.state().iterations()).isEqualTo(2);
            assertThat(w.gateCalls.get(HookType.CONFIRM_PROMOTION)).isEqualTo(asked + 1);
        }
    }

    @Nested
    class BlueGreenConfirmPromotionIsAskedOnce {
        @Test
        void beforeAllTrafficGoesToTheCanaryAndNotAgainBeforePromote() {
            World w = World.started(TestSpecs.blueGreenWithHook(HookType.CONFIRM_PROMOTION));

            w.runToEnd(20);

            assertThat(w.state.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(w.gateCalls.get(HookType.CONFIRM_PROMOTION)).isEqualTo(1);
        }
    }

    @Nested
    class PromotingDoesNotWaitForTheCanary {
        @Test
        void theTrafficLeavesAnUnreadyCanary() {
            World w = World.started(TestSpecs.analysis(a -> a.stepWeightPromotion(25)));
            w.untilPhase(Phase.PROMOTING, 20);
            w.canary = Readiness.waiting("canary pod evicted");

            List<Decision> rest = w.runToEnd(10);

            assertThat(weights(rest)).containsExactly(25, 0, 0);
            assertThat(w.state.phase()).isEqualTo(Phase.SUCCEEDED);
        }
    }
}
