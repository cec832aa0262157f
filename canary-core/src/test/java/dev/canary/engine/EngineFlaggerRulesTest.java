package dev.canary.engine;

import static dev.canary.engine.EngineTest.events;
import static dev.canary.engine.EngineTest.phases;
import static dev.canary.engine.EngineTest.weights;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.MatchRule;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Readiness;
import dev.canary.spec.RollbackTiming;
import dev.canary.spec.Routes;
import dev.canary.spec.StringMatch;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Flagger's rules for one tick and for the run's states (weights at the edges, the threshold, readiness,
 * {@code skipAnalysis}, revisions during promotion, the order of gates and checks), each as a scenario.
 */
class EngineFlaggerRulesTest {
    static final Phase P = Phase.PROGRESSING;
    static final MetricResult BAD_RATE = MetricResult.value(50);

    static Instant at(Decision d) {
        return d.state().history().get(d.state().history().size() - 1).at();
    }

    static String summary(Decision d) {
        return d.state().history().get(d.state().history().size() - 1).summary();
    }

    /** The same run (state, target, routes) under another spec, as when the user edits the canary mid-run. */
    static World edited(World w, CanarySpec spec) {
        World e = new World(spec);
        e.state = w.state;
        e.now = w.now;
        e.revision = w.revision;
        e.primaryRevision = w.primaryRevision;
        e.routes = w.routes;
        e.canaryUp = w.canaryUp;
        return e;
    }

    static List<Routes> routesOf(World w, List<Decision> run) {
        return w.routesAfter.subList(w.routesAfter.size() - run.size(), w.routesAfter.size());
    }

    @Nested
    class WeightsAtTheEdges {
        @Test
        void stepWeightsThatStopBelowMaxWeightPromoteAtTheLastRung() {
            World w = World.started(TestSpecs.analysis(a -> a.stepWeight(0).stepWeights(10, 20).maxWeight(50)));

            List<Decision> run = w.runToEnd(20);

            assertThat(weights(run)).containsExactly(10, 20, 20, 0, 0);
            assertThat(phases(run)).containsExactly(P, P, Phase.PROMOTING, Phase.FINALISING, Phase.SUCCEEDED);
        }

        @Test
        void stepWeightsThatGoPastMaxWeightClimbToTheirLastRung() {
            World w = World.started(TestSpecs.analysis(a -> a.stepWeight(0).stepWeights(25, 50, 100).maxWeight(50)));

            List<Decision> run = w.runToEnd(20);

            assertThat(weights(run)).containsExactly(25, 50, 100, 100, 0, 0);
            assertThat(routesOf(w, run)).extracting(Routes::primary).containsExactly(75, 50, 0, 0, 100, 100);
        }

        @Test
        void maxWeightHundredClampsTheLastStepAndKeepsAllTrafficOnTheCanaryWhileThePrimaryRolls() {
            World w = World.started(TestSpecs.analysis(a -> a.maxWeight(100).stepWeight(30)));
            w.primaryAfterPromote = Readiness.waiting("primary rolling out the promoted revision");

            List<Decision> first = List.of(w.tick(), w.tick(), w.tick(), w.tick(), w.tick(), w.tick());

            assertThat(weights(first)).containsExactly(30, 60, 90, 100, 100, 100);
            assertThat(phases(first)).containsExactly(P, P, P, P, Phase.PROMOTING, Phase.PROMOTING);
            assertThat(first.get(4).actions()).containsExactly(new Action.Promote());
            assertThat(w.routes).isEqualTo(Routes.canary(100));
            w.primary = Readiness.READY;
            List<Decision> rest = w.runToEnd(5);
            assertThat(weights(rest)).containsExactly(0, 0);
            assertThat(phases(rest)).containsExactly(Phase.FINALISING, Phase.SUCCEEDED);
        }
    }

    @Nested
    class FailedChecks {
        @Test
        void areCumulativeOverTheRunAndAPassingTickResetsNothing() {
            World w = World.started(TestSpecs.analysis(a -> a.threshold(2)));
            w.tick();
            w.metrics = World.with("request-success-rate", BAD_RATE);
            assertThat(w.tick().state()).satisfies(s -> {
                assertThat(s.failedChecks()).isEqualTo(1);
                assertThat(s.canaryWeight()).isEqualTo(5);
            });
            w.metrics = World::healthy;
            w.tick();
            assertThat(w.tick().state()).satisfies(s -> {
                assertThat(s.failedChecks()).isEqualTo(1);
                assertThat(s.canaryWeight()).isEqualTo(15);
            });
            w.metrics = World.with("request-success-rate", BAD_RATE);

            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).startsWith("failed checks threshold reached 2/2");
        }

        @Test
        void aFailureAtTheCeilingHoldsThePromotionAndTheOneReachingTheThresholdRollsBack() {
            World w = World.started(TestSpecs.analysis(a -> a.threshold(2).stepWeight(25)
                    .webhooks(TestSpecs.hook(HookType.CONFIRM_PROMOTION))));
            w.tick();
            w.tick();
            assertThat(w.state.canaryWeight()).isEqualTo(50);
            w.metrics = World.with("request-success-rate", BAD_RATE);

            Decision held = w.tick();
            assertThat(held.state().phase()).isEqualTo(P);
            assertThat(held.state().failedChecks()).isEqualTo(1);
            assertThat(held.actions()).isEmpty();

            Decision rollback = w.tick();
            assertThat(rollback.state().rollbackReason()).startsWith("failed checks threshold reached 2/2");
            w.runToEnd(3);
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.applied).doesNotContain(new Action.Promote());
            assertThat(w.gateCalls).doesNotContainKey(HookType.CONFIRM_PROMOTION);
            assertThat(w.primaryRevision).isEqualTo("v1");
        }

        @Test
        void withFlaggersTimingAThresholdReachedAtTheCeilingRollsBackBeforeAPassingTickCouldPromote() {
            World w = World.started(TestSpecs.analysis(a -> a.threshold(1).stepWeight(25)
                    .rollbackTiming(RollbackTiming.NEXT_TICK).webhooks(TestSpecs.hook(HookType.CONFIRM_PROMOTION))));
            w.tick();
            w.tick();
            w.metrics = World.with("request-success-rate", BAD_RATE);
            assertThat(w.tick().state().rollbackReason()).isNull();
            w.metrics = World::healthy;
            int rounds = w.metricRounds;

            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).startsWith("failed checks threshold reached 1/1");
            assertThat(d.actions()).doesNotContain(new Action.Promote());
            assertThat(w.metricRounds).isEqualTo(rounds);
            assertThat(w.gateCalls).doesNotContainKey(HookType.CONFIRM_PROMOTION);
        }

        @Test
        void keepCountingInWaitingPromotionUntilTheThresholdRollsBack() {
            World w = World.started(TestSpecs.analysis(a -> a.threshold(2)
                    .webhooks(TestSpecs.hook(HookType.CONFIRM_PROMOTION))));
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.waiting("awaiting sign-off"));
            w.untilPhase(Phase.WAITING_PROMOTION, 20);
            int asked = w.gateCalls.get(HookType.CONFIRM_PROMOTION);
            w.metrics = World.with("request-duration", MetricResult.value(2000));

            assertThat(w.tick().state().phase()).isEqualTo(Phase.WAITING_PROMOTION);
            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).startsWith("failed checks threshold reached 2/2");
            assertThat(w.gateCalls.get(HookType.CONFIRM_PROMOTION)).isEqualTo(asked);
            w.step();
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
        }
    }

    @Nested
    class ReadinessMidAnalysis {
        World atTwenty() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.metrics = World.with("request-success-rate", BAD_RATE);
            w.tick();
            w.metrics = World::healthy;
            w.tick();
            w.tick();
            w.tick();
            assertThat(w.state.canaryWeight()).isEqualTo(20);
            assertThat(w.state.failedChecks()).isEqualTo(1);
            return w;
        }

        @Test
        void anUnreadyCanaryHoldsTheWeightAndCountsNothing() {
            World w = atTwenty();
            w.canary = Readiness.waiting("1 of 2 updated replicas available");

            Decision d = w.tick();

            assertThat(d.state().canaryWeight()).isEqualTo(20);
            assertThat(d.state().failedChecks()).isEqualTo(1);
            assertThat(d.actions()).isEmpty();
            assertThat(w.routes).isEqualTo(Routes.canary(20));
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET));
            assertThat(summary(d)).contains("for the canary to be ready");
            w.canary = Readiness.READY;
            assertThat(w.tick().state().canaryWeight()).isEqualTo(25);
        }

        @Test
        void aCanaryUnreadyPastTheDeadlineRollsBackFromItsWeight() {
            World w = atTwenty();
            w.canary = Readiness.waiting("crash loop, restarting");

            List<Decision> run = w.runToEnd(20);

            assertThat(run.get(run.size() - 2).state().rollbackReason())
                    .startsWith("canary not ready within progressDeadline PT1M");
            assertThat(at(run.get(run.size() - 2))).isEqualTo(at(run.get(0)).plusSeconds(60));
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.state.canaryWeight()).isZero();
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
        }

        @Test
        void anUnreadyCanaryInWaitingPromotionWaitsWithoutAskingTheGate() {
            World w = World.started(TestSpecs.withHooks(HookType.CONFIRM_PROMOTION));
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.waiting("awaiting sign-off"));
            w.untilPhase(Phase.WAITING_PROMOTION, 20);
            int asked = w.gateCalls.get(HookType.CONFIRM_PROMOTION);
            w.canary = Readiness.waiting("rescheduled");

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.WAITING_PROMOTION);
            assertThat(d.state().canaryWeight()).isEqualTo(50);
            assertThat(w.gateCalls.get(HookType.CONFIRM_PROMOTION)).isEqualTo(asked);
        }

        @Test
        void anUnreadyPrimaryHoldsTheAnalysisAndCountsNothing() {
            World w = atTwenty();
            w.primary = Readiness.waiting("primary scaling up: 2 of 4 replicas available");

            Decision d = w.tick();

            assertThat(d.state().canaryWeight()).isEqualTo(20);
            assertThat(d.state().failedChecks()).isEqualTo(1);
            assertThat(d.actions()).isEmpty();
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET));
            assertThat(summary(d)).contains("for the primary to be ready").contains("2 of 4 replicas available");
            w.primary = Readiness.READY;
            assertThat(w.tick().state().canaryWeight()).isEqualTo(25);
            assertThat(w.state.waitingSince()).isNull();
        }

        @Test
        void aFailedPrimaryRollsBack() {
            World w = atTwenty();
            w.primary = Readiness.failed("progress deadline exceeded");

            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).isEqualTo("primary failed: progress deadline exceeded");
            w.step();
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
        }

        @Test
        void aPrimaryUnreadyPastTheDeadlineRollsBack() {
            World w = atTwenty();
            w.primary = Readiness.waiting("node drained");

            w.runToEnd(20);

            assertThat(events(w, Event.RolledBack.class)).singleElement().satisfies(e -> assertThat(e.reason())
                    .isEqualTo("primary not ready within progressDeadline PT1M: node drained"));
        }
    }

    @Nested
    class SkipAnalysis {
        static CanarySpec skipping(RollbackTiming timing) {
            return TestSpecs.spec(s -> s.skipAnalysis(true), a -> a.threshold(1).rollbackTiming(timing));
        }

        @Test
        void aFailedCanaryRollsBackInsteadOfBeingPromoted() {
            World w = World.started(skipping(RollbackTiming.SAME_TICK));
            w.canary = Readiness.failed("crash loop back-off");

            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).isEqualTo("canary failed: crash loop back-off");
            assertThat(d.actions()).doesNotContain(new Action.Promote());
            w.step();
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.primaryRevision).isEqualTo("v1");
        }

        @Test
        void doesNotWaitForThePrimary() {
            World w = World.started(skipping(RollbackTiming.SAME_TICK));
            w.primary = Readiness.waiting("primary rolling out");

            assertThat(w.tick().state().phase()).isEqualTo(Phase.SUCCEEDED);
        }

        @Test
        void setMidRunPromotesAtOnceFromTheCurrentWeight() {
            World running = World.started(TestSpecs.seed());
            running.tick();
            running.tick();
            running.metrics = World.with("request-success-rate", BAD_RATE);
            running.tick();
            World w = edited(running, TestSpecs.spec(s -> s.skipAnalysis(true), a -> a));

            Decision d = w.tick();

            assertThat(d.actions()).containsExactly(new Action.SetRoutes(Routes.PRIMARY_ONLY), new Action.Promote(),
                    new Action.ScaleCanaryDown());
            assertThat(d.state().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(w.primaryRevision).isEqualTo("v2");
        }

        @Test
        void setMidRunWinsOverAThresholdAlreadyReachedAsInFlagger() {
            World running = World.started(TestSpecs.analysis(a -> a.threshold(1)
                    .rollbackTiming(RollbackTiming.NEXT_TICK)));
            running.tick();
            running.metrics = World.with("request-success-rate", BAD_RATE);
            assertThat(running.tick().state().failedChecks()).isEqualTo(1);
            World w = edited(running, skipping(RollbackTiming.NEXT_TICK));

            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).isNull();
            assertThat(d.state().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(w.primaryRevision).isEqualTo("v2");
        }
    }

    @Nested
    class NewRevisions {
        @Test
        void duringPromotingArePickedUpAfterTheRunSucceeds() {
            World w = World.started(TestSpecs.analysis(a -> a.stepWeightPromotion(10)));
            w.untilPhase(Phase.PROMOTING, 20);
            w.revision = "v3";

            List<Decision> rest = w.runToEnd(20);

            assertThat(phases(rest)).doesNotContain(P).endsWith(Phase.FINALISING, Phase.SUCCEEDED);
            assertThat(w.state.lastPromotedRevision()).isEqualTo("v2");
            Decision next = w.tick();
            assertThat(next.state().phase()).isEqualTo(P);
            assertThat(next.state().lastAppliedRevision()).isEqualTo("v3");
            assertThat(next.actions()).containsExactly(new Action.ScaleCanaryUp());
        }

        @Test
        void duringFinalisingArePickedUpAfterTheRunSucceeds() {
            World w = World.started(TestSpecs.seed());
            w.untilPhase(Phase.FINALISING, 20);
            w.revision = "v3";

            assertThat(w.tick().state().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(w.state.lastPromotedRevision()).isEqualTo("v2");
            assertThat(w.tick().state().lastAppliedRevision()).isEqualTo("v3");
            assertThat(w.state.phase()).isEqualTo(P);
        }

        @Test
        void midRunRestartAsksNoConfirmRolloutRunsPreRolloutAgainAndIgnoresStepWeightPromotion() {
            World w = World.started(TestSpecs.analysis(a -> a.stepWeightPromotion(5)
                    .webhooks(TestSpecs.hook(HookType.CONFIRM_ROLLOUT), TestSpecs.hook(HookType.PRE_ROLLOUT))));
            w.tick();
            w.tick();
            w.tick();
            assertThat(w.routes).isEqualTo(Routes.canary(15));
            w.revision = "v3";

            Decision restart = w.tick();

            assertThat(restart.actions()).containsExactly(new Action.SetRoutes(Routes.PRIMARY_ONLY));
            assertThat(w.gateCalls.get(HookType.CONFIRM_ROLLOUT)).isEqualTo(1);
            w.tick();
            assertThat(w.gateCalls.get(HookType.PRE_ROLLOUT)).isEqualTo(2);
            assertThat(w.state.canaryWeight()).isEqualTo(5);
        }
    }

    @Nested
    class OrderWithinATick {
        static CanarySpec everyHook() {
            return TestSpecs.withHooks(HookType.PRE_ROLLOUT, HookType.ROLLOUT, HookType.ROLLBACK,
                    HookType.CONFIRM_TRAFFIC_INCREASE, HookType.CONFIRM_PROMOTION);
        }

        @Test
        void targetThenRollbackHooksThenRoutesThenHooksAndChecksThenTheStepsGate() {
            World w = World.started(everyHook());

            w.tick();
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET), Set.of(Need.gate(HookType.ROLLBACK)),
                    Set.of(Need.ROUTES), Set.of(Need.gate(HookType.PRE_ROLLOUT)),
                    Set.of(Need.gate(HookType.CONFIRM_TRAFFIC_INCREASE)));
            w.tick();
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET), Set.of(Need.gate(HookType.ROLLBACK)),
                    Set.of(Need.ROUTES), Set.of(Need.gate(HookType.ROLLOUT)), Set.of(Need.METRICS),
                    Set.of(Need.gate(HookType.CONFIRM_TRAFFIC_INCREASE)));
        }

        @Test
        void atTheCeilingConfirmPromotionTakesThePlaceOfConfirmTrafficIncrease() {
            World w = World.started(everyHook());
            w.untilPhase(Phase.PROMOTING, 20);

            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET), Set.of(Need.gate(HookType.ROLLBACK)),
                    Set.of(Need.ROUTES), Set.of(Need.gate(HookType.ROLLOUT)), Set.of(Need.METRICS),
                    Set.of(Need.gate(HookType.CONFIRM_PROMOTION)));
        }

        @Test
        void rollbackHooksAreNotAskedWhileTheCanaryIsUnready() {
            World w = World.started(everyHook());
            w.tick();
            w.canary = Readiness.waiting("starting");

            w.tick();

            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET));
        }
    }

    @Nested
    class RollbackHooks {
        @Test
        void anApprovalInWaitingPromotionRollsBack() {
            World w = World.started(TestSpecs.withHooks(HookType.CONFIRM_PROMOTION, HookType.ROLLBACK));
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.waiting("awaiting sign-off"));
            w.untilPhase(Phase.WAITING_PROMOTION, 20);
            w.gates.put(HookType.ROLLBACK, x -> new GateResult(GateAnswer.APPROVE, "incident declared"));

            w.runToEnd(5);

            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(events(w, Event.RolledBack.class)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).contains("incident declared"));
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
        }

        @Test
        void areNotAskedWhileARevisionWaitsForConfirmRollout() {
            World w = World.initialized(TestSpecs.withHooks(HookType.CONFIRM_ROLLOUT, HookType.ROLLBACK));
            w.revision = "v2";
            w.answer(HookType.CONFIRM_ROLLOUT, GateResult.waiting("release window closed"));

            w.tick();
            w.tick();

            assertThat(w.state.phase()).isEqualTo(Phase.WAITING);
            assertThat(w.gateCalls).containsOnlyKeys(HookType.CONFIRM_ROLLOUT);
        }
    }

    @Nested
    class AbTestingIterations {
        static final List<MatchRule> INSIDERS = List.of(MatchRule.header("x-canary", StringMatch.exact("insider")));

        static CanarySpec ab(HookType... hooks) {
            return TestSpecs.analysis(a -> a.iterations(2).match(INSIDERS)
                    .webhooks(Arrays.stream(hooks).map(TestSpecs::hook).toList()));
        }

        @Test
        void aFailedTickCountsNoIteration() {
            World w = World.started(ab());
            w.tick();
            w.metrics = World.with("request-success-rate", BAD_RATE);

            Decision d = w.tick();

            assertThat(d.state().iterations()).isEqualTo(1);
            assertThat(d.state().failedChecks()).isEqualTo(1);
            assertThat(w.routes).isEqualTo(Routes.canary(100));
        }

        @Test
        void aHeldConfirmPromotionKeepsAnalysingInWaitingPromotionUntilApproved() {
            World w = World.started(ab(HookType.CONFIRM_PROMOTION));
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.waiting("product sign-off"));
            w.untilPhase(Phase.WAITING_PROMOTION, 10);
            assertThat(w.state.iterations()).isEqualTo(2);
            int rounds = w.metricRounds;

            Decision held = w.tick();
            assertThat(held.state().phase()).isEqualTo(Phase.WAITING_PROMOTION);
            assertThat(held.state().iterations()).isEqualTo(2);
            assertThat(w.metricRounds).isEqualTo(rounds + 1);
            assertThat(w.routes).isEqualTo(Routes.canary(100));
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.approve());

            Decision promoted = w.tick();

            assertThat(promoted.state().phase()).isEqualTo(Phase.PROMOTING);
            assertThat(promoted.actions()).containsExactly(new Action.Promote());
        }
    }

    @Nested
    class RouterReadBack {
        @Test
        void theAnalysisGoesOnFromTheWeightTheRouterReports() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.tick();
            w.routes = Routes.canary(30);

            Decision d = w.tick();

            assertThat(d.state().canaryWeight()).isEqualTo(35);
            assertThat(events(d, Event.Note.class)).anySatisfy(n -> assertThat(n.message())
                    .contains("router reports"));
        }

        @Test
        void aRouterResetToThePrimaryMidRunMakesTheNextTickAFirstTickAgain() {
            World w = World.started(TestSpecs.withHooks(HookType.PRE_ROLLOUT));
            w.tick();
            w.tick();
            w.routes = Routes.PRIMARY_ONLY;
            int rounds = w.metricRounds;

            Decision d = w.tick();

            assertThat(w.gateCalls.get(HookType.PRE_ROLLOUT)).isEqualTo(2);
            assertThat(w.metricRounds).isEqualTo(rounds);
            assertThat(d.state().canaryWeight()).isEqualTo(5);
        }
    }

    @Nested
    class BlueGreenIterations {
        @Test
        void aNewRevisionMidRunResetsTheIterationsAndTheMirror() {
            World w = World.started(TestSpecs.analysis(a -> a.iterations(3).mirror(true)));
            w.tick();
            w.tick();
            assertThat(w.state.iterations()).isEqualTo(2);
            assertThat(w.routes).isEqualTo(Routes.mirroredToCanary());
            w.revision = "v3";

            Decision d = w.tick();

            assertThat(d.state().iterations()).isZero();
            assertThat(d.state().mirrored()).isFalse();
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
            int rounds = w.metricRounds;
            assertThat(w.tick().state().iterations()).as("a first tick again: no metrics").isEqualTo(1);
            assertThat(w.metricRounds).isEqualTo(rounds);
        }

        @Test
        void neverAskConfirmTrafficIncrease() {
            World w = World.started(TestSpecs.blueGreenWithHook(HookType.CONFIRM_TRAFFIC_INCREASE));

            w.runToEnd(20);

            assertThat(w.state.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(w.gateCalls).doesNotContainKey(HookType.CONFIRM_TRAFFIC_INCREASE);
        }
    }
}
