package dev.canary.engine;

import static dev.canary.engine.EngineTest.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Readiness;
import dev.canary.spec.Routes;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Bootstrapping, revision detection and restarts. */
class EngineLifecycleTest {

    @Nested
    class Initialization {
        @Test
        void bootstrapsThePrimaryThenBecomesInitializedAtItsRevision() {
            World w = new World(TestSpecs.seed());

            Decision first = w.tick();
            assertThat(first.actions()).containsExactly(new Action.Initialize());
            assertThat(first.state().phase()).isEqualTo(Phase.INITIALIZING);

            Decision second = w.tick();
            assertThat(second.state().phase()).isEqualTo(Phase.INITIALIZED);
            assertThat(second.state().lastPromotedRevision()).isEqualTo("v1");
            assertThat(second.state().lastAppliedRevision()).isEqualTo("v1");
            assertThat(second.actions()).isEmpty();
            assertThat(events(second, Event.PhaseChanged.class)).singleElement()
                    .satisfies(e -> assertThat(e.to()).isEqualTo(Phase.INITIALIZED));
            assertThat(w.asked).allSatisfy(asks -> assertThat(asks).containsExactly(Set.of(Need.TARGET)));
        }

        @Test
        void waitsForAPrimaryThatIsRollingOut() {
            World w = new World(TestSpecs.seed());
            w.primary = Readiness.waiting("1 of 2 replicas available");
            w.tick();

            Decision waiting = w.tick();

            assertThat(waiting.state().phase()).isEqualTo(Phase.INITIALIZING);
            assertThat(waiting.state().history().get(1).summary()).contains("1 of 2 replicas available");
            w.primary = Readiness.READY;
            assertThat(w.tick().state().phase()).isEqualTo(Phase.INITIALIZED);
            assertThat(w.state.waitingSince()).isNull();
        }

        @Test
        void startsARunInTheSameTickWhenTheTargetChangedDuringInitialization() {
            World w = new World(TestSpecs.seed());
            w.tick();
            w.revision = "v2";

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(events(d, Event.PhaseChanged.class)).extracting(Event.PhaseChanged::to)
                    .containsExactly(Phase.INITIALIZED, Phase.PROGRESSING);
            assertThat(d.actions()).containsExactly(new Action.ScaleCanaryUp());
        }

        @Test
        void failsWhenThePrimaryFails() {
            World w = new World(TestSpecs.seed());
            w.tick();
            w.primary = Readiness.failed("image pull back-off");

            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).contains("image pull back-off");
            w.step();
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
        }

        @Test
        void aRunThatFailedBeforeThePrimaryWasBootstrappedBootstrapsAgain() {
            World w = new World(TestSpecs.seed());
            w.tick();
            w.primary = Readiness.failed("crash loop");
            w.tick();
            w.step();
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            w.primary = Readiness.READY;

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.INITIALIZED);
            assertThat(d.state().lastPromotedRevision()).isEqualTo("v1");
        }
    }

    @Nested
    class RevisionDetection {
        @Test
        void staysInitializedWhileTheTargetIsUnchanged() {
            World w = World.initialized(TestSpecs.seed());

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.INITIALIZED);
            assertThat(d.actions()).isEmpty();
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET));
        }

        @Test
        void aNewRevisionScalesTheCanaryUpWithoutAnalysingInThatTick() {
            World w = World.initialized(TestSpecs.seed());
            w.revision = "v2";

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(d.state().lastAppliedRevision()).isEqualTo("v2");
            assertThat(d.state().canaryWeight()).isZero();
            assertThat(d.actions()).containsExactly(new Action.ScaleCanaryUp());
            assertThat(events(d, Event.Note.class)).anySatisfy(n -> assertThat(n.message())
                    .contains("New revision v2 detected"));
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET));
        }

        @Test
        void revertingTheTargetToThePromotedRevisionStartsNothing() {
            World w = World.initialized(TestSpecs.seed());
            w.revision = "v1";

            assertThat(w.tick().state().phase()).isEqualTo(Phase.INITIALIZED);
        }

        @Test
        void aFailedRevisionDoesNotStartAgainButAnotherOneDoes() {
            World w = World.started(TestSpecs.analysis(a -> a.threshold(1)));
            w.metrics = World.with("request-duration", MetricResult.value(900));
            w.runToEnd(10);
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);

            assertThat(w.tick().state().phase()).isEqualTo(Phase.FAILED);
            assertThat(w.last().state().history().get(w.state.history().size() - 1).summary())
                    .contains("revision v2 failed");

            w.revision = "v3";
            w.metrics = World::healthy;
            Decision d = w.tick();
            assertThat(d.state().phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(d.state().failedChecks()).isZero();
            assertThat(d.state().lastChecks()).isEmpty();
        }

        @Test
        void aSucceededRunStartsAnotherRunForTheNextRevision() {
            World w = World.started(TestSpecs.seed());
            w.runToEnd(30);
            w.revision = "v3";

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(d.state().lastPromotedRevision()).isEqualTo("v2");
            assertThat(d.state().lastAppliedRevision()).isEqualTo("v3");
        }

        @Test
        void aNewRevisionMidRunRestartsTheAnalysisWithAllTrafficOnThePrimary() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.tick();
            w.metrics = World.with("request-success-rate", MetricResult.value(50));
            w.tick();
            assertThat(w.state.canaryWeight()).isEqualTo(10);
            assertThat(w.state.failedChecks()).isEqualTo(1);
            w.revision = "v3";
            w.metrics = World::healthy;

            Decision d = w.tick();

            assertThat(d.actions()).containsExactly(new Action.SetRoutes(Routes.PRIMARY_ONLY));
            assertThat(d.state()).satisfies(s -> {
                assertThat(s.phase()).isEqualTo(Phase.PROGRESSING);
                assertThat(s.canaryWeight()).isZero();
                assertThat(s.failedChecks()).isZero();
                assertThat(s.iterations()).isZero();
                assertThat(s.lastAppliedRevision()).isEqualTo("v3");
            });
            assertThat(events(d, Event.Note.class)).anySatisfy(n -> assertThat(n.message())
                    .contains("restarting the analysis"));
            w.tick();
            assertThat(w.lastAsks()).doesNotContain(Set.of(Need.METRICS));
            assertThat(w.state.canaryWeight()).isEqualTo(5);
        }

        @Test
        void aNewRevisionWhileWaitingForPromotionRestartsInProgressing() {
            World w = World.started(TestSpecs.withHooks(HookType.CONFIRM_PROMOTION));
            w.answer(HookType.CONFIRM_PROMOTION, GateResult.waiting("not yet"));
            w.untilPhase(Phase.WAITING_PROMOTION, 20);
            w.revision = "v3";

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
        }
    }
}
