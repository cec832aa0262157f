package dev.canary.engine;

import static dev.canary.engine.EngineTest.phases;
import static dev.canary.engine.EngineTest.weights;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.MatchRule;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spec.StringMatch;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EngineStrategiesTest {
    static final Phase P = Phase.PROGRESSING;

    @Nested
    class WeightedCanary {
        @Test
        void stepWeightsClimbTheLadderThenPromote() {
            World w = World.started(TestSpecs.analysis(a -> a.stepWeight(0).stepWeights(1, 2, 10, 80)));

            List<Decision> run = w.runToEnd(20);

            assertThat(w.routesAfter.subList(3, 7)).extracting(Routes::primary).containsExactly(99, 98, 90, 20);
            assertThat(weights(run)).containsExactly(1, 2, 10, 80, 80, 0, 0);
            assertThat(phases(run)).containsExactly(P, P, P, P, Phase.PROMOTING, Phase.FINALISING,
                    Phase.SUCCEEDED);
        }

        @Test
        void stepWeightWinsOverStepWeightsWhichStillSetTheCeiling() {
            World w = World.started(TestSpecs.analysis(a -> a.stepWeight(30).stepWeights(10, 20, 70)));

            assertThat(weights(w.runToEnd(20))).startsWith(30, 60, 70, 70, 0, 0);
        }

        @Test
        void aWeightOffTheLadderMovesToTheNextRungInsteadOfJumpingToTheTop() {
            AnalysisSpec ladder = TestSpecs.analysis(a -> a.stepWeight(0).stepWeights(1, 2, 10, 80)).analysis();

            assertThat(Strategies.nextWeight(ladder, 0)).isEqualTo(1);
            assertThat(Strategies.nextWeight(ladder, 5)).isEqualTo(10);
            assertThat(Strategies.nextWeight(ladder, 10)).isEqualTo(80);
        }

        @Test
        void stepWeightPromotionMovesTrafficBackStepByStepAsInFlaggersPhaseTest() {
            World w = World.started(TestSpecs.analysis(a -> a.maxWeight(100).stepWeight(100)
                    .stepWeightPromotion(50)));

            List<Decision> run = w.runToEnd(20);

            assertThat(weights(run)).containsExactly(100, 100, 50, 0, 0);
            assertThat(phases(run)).containsExactly(P, Phase.PROMOTING, Phase.PROMOTING, Phase.FINALISING,
                    Phase.SUCCEEDED);
        }

        @Test
        void stepWeightPromotionUsesTheRoutersWeight() {
            World w = World.started(TestSpecs.analysis(a -> a.stepWeightPromotion(20)));
            w.untilPhase(Phase.PROMOTING, 20);

            List<Decision> run = w.runToEnd(20);

            assertThat(weights(run)).containsExactly(30, 10, 0, 0);
            assertThat(w.asked.get(w.asked.size() - 3)).containsExactly(Set.of(Need.TARGET), Set.of(Need.ROUTES));
        }
    }

    @Nested
    class Mirroring {
        @Test
        void mirrorsForOneTickBeforeShiftingWeight() {
            World w = World.started(TestSpecs.analysis(a -> a.mirror(true)));

            Decision mirror = w.tick();
            assertThat(w.routes).isEqualTo(Routes.mirroredToCanary());
            assertThat(mirror.state().mirrored()).isTrue();
            assertThat(w.metricRounds).isZero();

            Decision shift = w.tick();
            assertThat(w.metricRounds).as("the mirrored tick is analysed").isEqualTo(1);
            assertThat(w.routes).isEqualTo(Routes.canary(5));
            assertThat(shift.state().mirrored()).isFalse();
            assertThat(weights(w.runToEnd(20))).startsWith(10, 15);
        }
    }

    @Nested
    class BlueGreen {
        @Test
        void countsIterationsThenSendsAllTrafficToTheCanaryThenPromotes() {
            World w = World.started(TestSpecs.analysis(a -> a.iterations(3)));

            List<Decision> run = w.runToEnd(20);

            assertThat(weights(run)).containsExactly(0, 0, 0, 100, 100, 0, 0);
            assertThat(run).extracting(d -> d.state().iterations()).startsWith(1, 2, 3, 4);
            assertThat(phases(run)).containsExactly(P, P, P, P, Phase.PROMOTING, Phase.FINALISING,
                    Phase.SUCCEEDED);
            assertThat(w.metricRounds).as("N + 1 analyses, the last with all traffic on the canary").isEqualTo(4);
        }

        @Test
        void mirrorsDuringTheIterations() {
            World w = World.started(TestSpecs.analysis(a -> a.iterations(3).mirror(true)));

            w.tick();
            assertThat(w.routes).isEqualTo(Routes.mirroredToCanary());
            w.tick();
            w.tick();
            assertThat(w.routes).isEqualTo(Routes.mirroredToCanary());
            w.tick();
            assertThat(w.routes).isEqualTo(Routes.canary(100));
            assertThat(w.runToEnd(10)).last().satisfies(d -> assertThat(d.state().phase())
                    .isEqualTo(Phase.SUCCEEDED));
        }

        @Test
        void waitsForConfirmPromotionBeforeSendingAllTrafficToTheCanary() {
            World w = World.started(TestSpecs.blueGreenWithHook(HookType.CONFIRM_PROMOTION));
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.waiting("change freeze"));
            w.untilPhase(Phase.WAITING_PROMOTION, 10);
            assertThat(w.routes.canary()).isZero();
            w.tick();
            assertThat(w.state.phase()).isEqualTo(Phase.WAITING_PROMOTION);
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.approve());

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(P);
            assertThat(w.routes).isEqualTo(Routes.canary(100));
            assertThat(phases(w.runToEnd(10))).containsExactly(Phase.PROMOTING, Phase.FINALISING,
                    Phase.SUCCEEDED);
        }

        @Test
        void aFailedCheckDoesNotCountAnIteration() {
            World w = World.started(TestSpecs.analysis(a -> a.iterations(3)));
            w.tick();
            w.metrics = World.with("request-duration", MetricResult.value(800));

            Decision d = w.tick();

            assertThat(d.state().iterations()).isEqualTo(1);
            assertThat(d.state().failedChecks()).isEqualTo(1);
        }
    }

    @Nested
    class AbTesting {
        static final List<MatchRule> INSIDERS = List.of(MatchRule.header("x-canary", StringMatch.exact("insider")));

        @Test
        void sendsMatchingRequestsToTheCanaryForTheIterationsThenPromotes() {
            World w = World.started(TestSpecs.analysis(a -> a.iterations(2).match(INSIDERS)));

            List<Decision> run = w.runToEnd(20);

            assertThat(weights(run)).containsExactly(100, 100, 100, 0, 0);
            assertThat(run).extracting(d -> d.state().iterations()).startsWith(1, 2, 2);
            assertThat(phases(run)).containsExactly(P, P, Phase.PROMOTING, Phase.FINALISING, Phase.SUCCEEDED);
            assertThat(w.metricRounds).isEqualTo(2);
        }

        @Test
        void confirmPromotionDenialRollsBack() {
            World w = World.started(TestSpecs.analysis(a -> a.iterations(1).match(INSIDERS)
                    .webhooks(TestSpecs.hook(HookType.CONFIRM_PROMOTION))));
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.deny("not approved"));

            w.runToEnd(10);

            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
            assertThat(w.primaryRevision).isEqualTo("v1");
        }
    }
}
