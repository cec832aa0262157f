package dev.canary.engine;

import static dev.canary.engine.EngineTest.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spec.WebhookSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EngineGatesTest {

    @Nested
    class ConfirmRollout {
        World world() {
            World w = World.initialized(TestSpecs.withHooks(HookType.CONFIRM_ROLLOUT));
            w.revision = "v2";
            return w;
        }

        @Test
        void waitHoldsTheNewRevisionInWaitingWithoutScalingTheCanary() {
            World w = world();
            w.answer(HookType.CONFIRM_ROLLOUT, GateResult.waiting("release window opens at 14:00"));

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.WAITING);
            assertThat(d.actions()).isEmpty();
            assertThat(events(d, Event.GateWaiting.class)).singleElement().satisfies(e -> {
                assertThat(e.gate()).isEqualTo(HookType.CONFIRM_ROLLOUT);
                assertThat(e.detail()).isEqualTo("release window opens at 14:00");
            });
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET), Set.of(Need.gate(HookType.CONFIRM_ROLLOUT)));
            assertThat(w.tick().state().phase()).isEqualTo(Phase.WAITING);
        }

        @Test
        void approvalAfterWaitingStartsTheRun() {
            World w = world();
            w.answer(HookType.CONFIRM_ROLLOUT, GateResult.waiting("later"));
            w.tick();
            w.answer(HookType.CONFIRM_ROLLOUT, GateResult.approve());

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(d.actions()).containsExactly(new Action.ScaleCanaryUp());
        }

        @Test
        void denialFailsTheRevisionWithoutShiftingAndDoesNotRetrigger() {
            World w = world();
            w.answer(HookType.CONFIRM_ROLLOUT, GateResult.deny("frozen"));

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.FAILED);
            assertThat(d.state().lastAppliedRevision()).isEqualTo("v2");
            assertThat(d.actions()).isEmpty();
            assertThat(w.tick().state().phase()).isEqualTo(Phase.FAILED);
            assertThat(w.gateCalls.get(HookType.CONFIRM_ROLLOUT)).isEqualTo(1);
        }

        @Test
        void aWaitingRevisionRevertedToThePromotedOneGoesBackToInitialized() {
            World w = world();
            w.answer(HookType.CONFIRM_ROLLOUT, GateResult.waiting("later"));
            w.tick();
            w.revision = "v1";

            assertThat(w.tick().state().phase()).isEqualTo(Phase.INITIALIZED);
        }
    }

    @Nested
    class ConfirmTrafficIncrease {
        World world() {
            return World.started(TestSpecs.withHooks(HookType.CONFIRM_TRAFFIC_INCREASE));
        }

        @Test
        void isAskedBeforeEveryIncreaseButNotBeforePromotion() {
            World w = world();
            w.runToEnd(30);

            assertThat(w.gateCalls.get(HookType.CONFIRM_TRAFFIC_INCREASE)).isEqualTo(10);
            assertThat(w.state.phase()).isEqualTo(Phase.SUCCEEDED);
        }

        @Test
        void waitHoldsTheWeightWithoutCountingAFailure() {
            World w = world();
            w.tick();
            w.answer(HookType.CONFIRM_TRAFFIC_INCREASE, GateResult.waiting("watching dashboards"));

            Decision d = w.tick();

            assertThat(d.state().canaryWeight()).isEqualTo(5);
            assertThat(d.state().failedChecks()).isZero();
            assertThat(d.state().phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(events(d, Event.GateWaiting.class)).hasSize(1);
            assertThat(d.state().history().get(d.state().history().size() - 1).summary())
                    .contains("waiting for confirm-traffic-increase approval to go to 10");
        }

        @Test
        void denialRollsBack() {
            World w = world();
            w.tick();
            w.answer(HookType.CONFIRM_TRAFFIC_INCREASE, GateResult.deny("no"));

            w.runToEnd(5);

            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
        }

        @Test
        void isNotAskedWhenTheChecksFail() {
            World w = world();
            w.tick();
            w.metrics = World.with("request-success-rate", MetricResult.value(1));

            w.tick();

            assertThat(w.lastAsks()).doesNotContain(Set.of(Need.gate(HookType.CONFIRM_TRAFFIC_INCREASE)));
        }
    }

    @Nested
    class ConfirmPromotion {
        World world() {
            return World.started(TestSpecs.withHooks(HookType.CONFIRM_PROMOTION));
        }

        @Test
        void waitMovesToWaitingPromotionWhereTheAnalysisGoesOn() {
            World w = world();
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.waiting("awaiting sign-off"));
            w.untilPhase(Phase.WAITING_PROMOTION, 20);
            assertThat(w.state.canaryWeight()).isEqualTo(50);
            w.metrics = World.with("request-success-rate", MetricResult.value(80));

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.WAITING_PROMOTION);
            assertThat(d.state().failedChecks()).isEqualTo(1);
            assertThat(d.state().canaryWeight()).as("the real weight, not Flagger's zeroed one").isEqualTo(50);
        }

        @Test
        void approvalAfterWaitingPromotes() {
            World w = world();
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.waiting("awaiting sign-off"));
            w.untilPhase(Phase.WAITING_PROMOTION, 20);
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.approve());

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.PROMOTING);
            assertThat(d.actions()).containsExactly(new Action.Promote());
        }

        @Test
        void denialRollsBack() {
            World w = world();
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.deny("rejected"));

            w.runToEnd(30);

            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(events(w, Event.RolledBack.class)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("confirm-promotion denied: rejected"));
        }

        @Test
        void approvalIsAskedOnceAtTheCeiling() {
            World w = world();
            w.runToEnd(30);

            assertThat(w.gateCalls.get(HookType.CONFIRM_PROMOTION)).isEqualTo(1);
        }
    }

    @Nested
    class PreRollout {
        @Test
        void runsOnlyOnTheFirstAnalysisTickWithoutMetrics() {
            World w = World.started(TestSpecs.withHooks(HookType.PRE_ROLLOUT, HookType.ROLLOUT));

            w.tick();
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET), Set.of(Need.ROUTES),
                    Set.of(Need.gate(HookType.PRE_ROLLOUT)));
            w.tick();
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET), Set.of(Need.ROUTES),
                    Set.of(Need.gate(HookType.ROLLOUT)), Set.of(Need.METRICS));
            assertThat(w.gateCalls.get(HookType.PRE_ROLLOUT)).isEqualTo(1);
        }

        @Test
        void denialCountsAFailedCheckAndRetriesTheFirstTick() {
            World w = World.started(TestSpecs.withHooks(HookType.PRE_ROLLOUT));
            w.answer(HookType.PRE_ROLLOUT, GateResult.deny("load test failed"));

            Decision d = w.tick();

            assertThat(d.state().failedChecks()).isEqualTo(1);
            assertThat(d.state().canaryWeight()).isZero();
            w.answer(HookType.PRE_ROLLOUT, GateResult.approve());
            assertThat(w.tick().state().canaryWeight()).isEqualTo(5);
            assertThat(w.gateCalls.get(HookType.PRE_ROLLOUT)).isEqualTo(2);
            assertThat(w.metricRounds).isZero();
        }

        @Test
        void waitIsInconclusive() {
            World w = World.started(TestSpecs.withHooks(HookType.PRE_ROLLOUT));
            w.answer(HookType.PRE_ROLLOUT, GateResult.waiting("load test running"));

            Decision d = w.tick();

            assertThat(d.state().failedChecks()).isZero();
            assertThat(d.state().canaryWeight()).isZero();
        }
    }

    @Nested
    class Rollout {
        @Test
        void denialCountsOneFailedCheckWhileTheMetricsAreStillJudged() {
            World w = World.started(TestSpecs.withHooks(HookType.ROLLOUT));
            w.tick();
            w.answer(HookType.ROLLOUT, GateResult.deny("smoke test failed"));

            Decision d = w.tick();

            assertThat(d.state().failedChecks()).isEqualTo(1);
            assertThat(d.state().canaryWeight()).isEqualTo(5);
            assertThat(events(d, Event.CheckEvaluated.class)).hasSize(2);
            assertThat(d.state().history().get(d.state().history().size() - 1).summary())
                    .contains("rollout hooks failed: smoke test failed");
        }

        @Test
        void waitHoldsWithoutCounting() {
            World w = World.started(TestSpecs.withHooks(HookType.ROLLOUT));
            w.tick();
            w.answer(HookType.ROLLOUT, GateResult.waiting("load test running"));

            Decision d = w.tick();

            assertThat(d.state().failedChecks()).isZero();
            assertThat(d.state().canaryWeight()).isEqualTo(5);
        }
    }

    @Nested
    class RollbackHook {
        @Test
        void approvalRollsBack() {
            World w = World.started(TestSpecs.withHooks(HookType.ROLLBACK));
            w.tick();
            w.gates.put(HookType.ROLLBACK, x -> new GateResult(GateAnswer.APPROVE, "operator pressed stop"));

            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).contains("rollback hook").contains("operator pressed stop");
            assertThat(w.metricRounds).isZero();
        }

        @Test
        void anythingElseLetsTheRunGoOn() {
            World w = World.started(TestSpecs.withHooks(HookType.ROLLBACK));
            w.answer(HookType.ROLLBACK, GateResult.deny("no rollback"));

            w.runToEnd(30);

            assertThat(w.state.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(w.gateCalls.get(HookType.ROLLBACK)).isEqualTo(11);
        }
    }

    @Nested
    class PostRollout {
        @Test
        void runsAfterSuccessAndAfterAConfirmedRollback() {
            World ok = World.started(TestSpecs.withHooks(HookType.POST_ROLLOUT));
            ok.runToEnd(30);
            World bad = World.started(TestSpecs.withHooks(HookType.POST_ROLLOUT));
            bad.commands.add(Command.ABORT);
            bad.runToEnd(5);

            assertThat(ok.last().actions()).contains(new Action.RunHooks(HookType.POST_ROLLOUT));
            assertThat(bad.last().actions()).containsExactly(new Action.RunHooks(HookType.POST_ROLLOUT));
            assertThat(ok.applied).filteredOn(a -> a instanceof Action.RunHooks).hasSize(1);
            assertThat(ok.gateCalls).isEmpty();
        }

        @Test
        void isNotEmittedWithoutPostRolloutHooks() {
            World w = World.started(TestSpecs.seed());
            w.runToEnd(30);

            assertThat(w.applied).noneMatch(a -> a instanceof Action.RunHooks);
        }
    }

    @Nested
    class Muting {
        @Test
        void aGateWaitIsMutedOnlyWhenEveryHookOfItsTypeMutesAlerts() {
            WebhookSpec muted = new WebhookSpec("quiet", HookType.CONFIRM_ROLLOUT, URI.create("http://127.0.0.1/q"),
                    WebhookSpec.DEFAULT_TIMEOUT, Map.of(), 0, true, false);
            World w = World.initialized(TestSpecs.analysis(a -> a.webhooks(List.of(muted))));
            w.revision = "v2";
            w.answer(HookType.CONFIRM_ROLLOUT, GateResult.waiting("later"));

            Decision d = w.tick();

            assertThat(events(d, Event.GateWaiting.class)).singleElement()
                    .satisfies(e -> assertThat(e.muted()).isTrue());
        }
    }
}
