package dev.canary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.DecisionRecord;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Readiness;
import dev.canary.spec.RollbackTiming;
import dev.canary.spec.Routes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EngineTest {

    static List<Integer> weights(List<Decision> run) {
        return run.stream().map(d -> d.state().canaryWeight()).toList();
    }

    static List<Phase> phases(List<Decision> run) {
        return run.stream().map(d -> d.state().phase()).toList();
    }

    static <E extends Event> List<E> events(World w, Class<E> type) {
        return w.decisions.stream().flatMap(d -> d.events().stream()).filter(type::isInstance).map(type::cast)
                .toList();
    }

    static <E extends Event> List<E> events(Decision d, Class<E> type) {
        return d.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Nested
    class SeedConfiguration {
        @Test
        void healthyCanaryClimbsByFiveToFiftyThenIsPromoted() {
            World w = World.started(TestSpecs.seed());

            List<Decision> run = w.runToEnd(30);

            assertThat(weights(run)).containsExactly(5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 50, 0, 0);
            assertThat(w.routesAfter.subList(w.routesAfter.size() - run.size(), w.routesAfter.size()))
                    .extracting(Routes::canary).containsExactly(5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 50, 0, 0);
            assertThat(phases(run)).containsExactly(Phase.PROGRESSING, Phase.PROGRESSING, Phase.PROGRESSING,
                    Phase.PROGRESSING, Phase.PROGRESSING, Phase.PROGRESSING, Phase.PROGRESSING, Phase.PROGRESSING,
                    Phase.PROGRESSING, Phase.PROGRESSING, Phase.PROMOTING, Phase.FINALISING, Phase.SUCCEEDED);
            assertThat(w.state.lastPromotedRevision()).isEqualTo("v2");
            assertThat(w.primaryRevision).isEqualTo("v2");
            assertThat(w.canaryUp).isFalse();
            assertThat(w.state.failedChecks()).isZero();
            assertThat(events(w, Event.Promoted.class)).extracting(Event.Promoted::revision)
                    .containsExactly("v2");
        }

        @Test
        void badCanaryRollsBackInTheTickOfTheTenthFailure() {
            World w = World.started(TestSpecs.seed());
            Instant detected = w.now;
            w.metrics = World.with("request-success-rate", MetricResult.value(90));

            List<Decision> run = w.runToEnd(30);

            int rollbackTick = indexOfRollback(run) + 1;
            assertThat(rollbackTick).isEqualTo(11);
            assertThat(run.get(rollbackTick - 1).state().failedChecks()).isEqualTo(10);
            assertThat(run.get(rollbackTick - 1).state().history().get(run.get(rollbackTick - 1).state().history()
                    .size() - 1).at()).isEqualTo(detected.plusSeconds(110));
            assertFailedOnPrimary(w, 10);
        }

        @Test
        void badCanaryWithNextTickTimingRollsBackOneTickLater() {
            World w = World.started(TestSpecs.analysis(a -> a.rollbackTiming(RollbackTiming.NEXT_TICK)));
            w.metrics = World.with("request-success-rate", MetricResult.value(90));

            List<Decision> run = w.runToEnd(30);

            int rollbackTick = indexOfRollback(run) + 1;
            assertThat(rollbackTick).isEqualTo(12);
            assertThat(run.get(rollbackTick - 2).state().failedChecks()).isEqualTo(10);
            assertThat(run.get(rollbackTick - 2).state().rollbackReason()).isNull();
            assertFailedOnPrimary(w, 10);
        }

        @Test
        void aMetricsOutageDuringPromotionHasNoEffectBecauseNoMetricsAreQueriedThere() {
            World w = World.started(TestSpecs.seed());
            w.untilPhase(Phase.PROMOTING, 30);
            int rounds = w.metricRounds;
            w.metrics = (world, check) -> new MetricResult.Failed("Prometheus unreachable", "");

            w.runToEnd(10);

            assertThat(w.state.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(w.state.failedChecks()).isZero();
            assertThat(w.metricRounds).isEqualTo(rounds);
        }

        private int indexOfRollback(List<Decision> run) {
            for (int i = 0; i < run.size(); i++) {
                if (run.get(i).state().rollbackReason() != null) {
                    return i;
                }
            }
            throw new AssertionError("no rollback");
        }

        private void assertFailedOnPrimary(World w, int failedChecks) {
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.state.isTerminal()).isTrue();
            assertThat(w.state.canaryWeight()).isZero();
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
            assertThat(w.canaryUp).isFalse();
            assertThat(w.state.failedChecks()).isEqualTo(failedChecks);
            assertThat(w.primaryRevision).isEqualTo("v1");
            assertThat(events(w, Event.RolledBack.class)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).contains("failed checks threshold reached 10/10"));
        }
    }

    @Nested
    class CanaryReadiness {
        @Test
        void waitsForTheCanaryWithoutCountingAnything() {
            World w = World.started(TestSpecs.seed());
            w.canary = Readiness.waiting("0 of 1 updated replicas available");

            Decision d = w.tick();

            assertThat(d.state().canaryWeight()).isZero();
            assertThat(d.state().failedChecks()).isZero();
            assertThat(d.state().waitingSince()).isEqualTo(w.now);
            assertThat(d.actions()).isEmpty();
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET));
            w.canary = Readiness.READY;
            assertThat(w.tick().state().canaryWeight()).isEqualTo(5);
            assertThat(w.state.waitingSince()).isNull();
        }

        @Test
        void aFailedCanaryRollsBack() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.canary = Readiness.failed("crash loop back-off");

            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).isEqualTo("canary failed: crash loop back-off");
            assertThat(d.actions()).containsExactly(new Action.SetRoutes(Routes.PRIMARY_ONLY),
                    new Action.ScaleCanaryDown());
            assertThat(d.state().phase()).isEqualTo(Phase.PROGRESSING);
        }
    }

    @Nested
    class Suspend {
        @Test
        void aSuspendedSpecDecidesNothingAndObservesNothing() {
            World running = World.started(TestSpecs.seed());
            running.tick();
            running.tick();
            RunState before = running.state;
            World w = new World(TestSpecs.spec(s -> s.suspend(true), a -> a));
            w.state = before;

            Decision d = w.tick();

            assertThat(d.actions()).isEmpty();
            assertThat(w.lastAsks()).isEmpty();
            assertThat(d.state()).isEqualTo(before.toBuilder().ticks(before.ticks() + 1)
                    .history(d.state().history()).pendingActions(List.of()).build());
            assertThat(d.state().history().get(d.state().history().size() - 1).summary()).contains("suspended");
        }
    }

    @Nested
    class Commands {
        @Test
        void abortRollsBackWithTheReason() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.commands.add(Command.ABORT);

            Decision d = w.tick();

            assertThat(d.state().rollbackReason()).isEqualTo("aborted by command");
            assertThat(w.lastAsks()).isEmpty();
            w.step();
            assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
        }

        @Test
        void promoteNowPromotesAndSkipsTheRemainingAnalysis() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.commands.add(Command.PROMOTE_NOW);

            Decision d = w.tick();

            assertThat(d.actions()).containsExactly(new Action.Promote());
            assertThat(d.state().phase()).isEqualTo(Phase.PROMOTING);
            List<Decision> rest = w.runToEnd(5);
            assertThat(phases(rest)).containsExactly(Phase.FINALISING, Phase.SUCCEEDED);
            assertThat(w.primaryRevision).isEqualTo("v2");
        }

        @Test
        void commandsOutsideARunAreReportedAsIgnored() {
            World w = World.initialized(TestSpecs.seed());
            w.commands.add(Command.ABORT);

            Decision d = w.tick();

            assertThat(d.state().phase()).isEqualTo(Phase.INITIALIZED);
            assertThat(events(d, Event.Note.class)).anySatisfy(n -> assertThat(n.message())
                    .contains("ignored"));
        }
    }

    @Nested
    class RollbackConfirmation {
        @Test
        void setsTheRoutesAgainUntilTheRouterConfirmsThem() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.tick();
            w.refuseSetRoutes = 1;
            w.commands.add(Command.ABORT);
            w.tick();
            assertThat(w.routes.canary()).isEqualTo(10);

            Decision notYet = w.step();

            assertThat(notYet.state().phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(notYet.state().rollbackReason()).isEqualTo("aborted by command");
            assertThat(notYet.actions()).containsExactly(new Action.SetRoutes(Routes.PRIMARY_ONLY));
            assertThat(events(notYet, Event.RolledBack.class)).isEmpty();
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.ROUTES));

            Decision confirmed = w.step();

            assertThat(confirmed.state().phase()).isEqualTo(Phase.FAILED);
            assertThat(confirmed.state().rollbackReason()).isNull();
            assertThat(confirmed.actions()).isEmpty();
            assertThat(events(confirmed, Event.RolledBack.class)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("aborted by command"));
            assertThat(events(confirmed, Event.PhaseChanged.class)).singleElement()
                    .satisfies(e -> assertThat(e.to()).isEqualTo(Phase.FAILED));
        }

        @Test
        void aDecidedRollbackIsNotTerminalUntilConfirmed() {
            RunState pending = RunState.initial().toBuilder().phase(Phase.PROGRESSING).rollbackReason("x").build();

            assertThat(pending.isTerminal()).isFalse();
        }
    }

    @Nested
    class SkipAnalysis {
        @Test
        void promotesAsSoonAsTheCanaryIsReadyWithoutObservingTraffic() {
            World w = World.started(TestSpecs.spec(s -> s.skipAnalysis(true), a -> a));
            w.canary = Readiness.waiting("starting");
            assertThat(w.tick().state().phase()).isEqualTo(Phase.PROGRESSING);
            w.canary = Readiness.READY;

            Decision d = w.tick();

            assertThat(d.actions()).containsExactly(new Action.SetRoutes(Routes.PRIMARY_ONLY), new Action.Promote(),
                    new Action.ScaleCanaryDown());
            assertThat(d.state().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(d.state().lastPromotedRevision()).isEqualTo("v2");
            assertThat(events(d, Event.Promoted.class)).hasSize(1);
            assertThat(w.lastAsks()).containsExactly(Set.of(Need.TARGET));
        }
    }

    @Nested
    class Evidence {
        @Test
        void everyDecisionIsRecordedWithItsEvidenceAndActions() {
            World w = World.started(TestSpecs.seed());
            w.runToEnd(30);

            assertThat(w.decisions).allSatisfy(d -> {
                DecisionRecord last = d.state().history().get(d.state().history().size() - 1);
                assertThat(last.summary()).isNotBlank();
                assertThat(last.tick()).isEqualTo(d.state().ticks());
                assertThat(last.phase()).isEqualTo(d.state().phase());
                assertThat(last.canaryWeight()).isEqualTo(d.state().canaryWeight());
                assertThat(d.state().pendingActions()).isEqualTo(d.actions());
            });
            assertThat(w.state.history()).hasSize(w.decisions.size());
            assertThat(w.state.ticks()).isEqualTo(w.decisions.size());
        }

        @Test
        void aMetricTickRecordsEveryCheckWithValueAndBounds() {
            World w = World.started(TestSpecs.seed());
            w.tick();
            w.metrics = World.with("request-success-rate", new MetricResult.Value(99.5, 1200, "rate query"));

            Decision d = w.tick();

            DecisionRecord last = d.state().history().get(d.state().history().size() - 1);
            assertThat(last.checks()).extracting(c -> c.name())
                    .containsExactly("request-success-rate", "request-duration");
            assertThat(last.summary()).contains("99.5 within [99.0, +inf]").contains("canary weight 5 -> 10");
            assertThat(d.state().lastChecks().get("request-success-rate")).satisfies(c -> {
                assertThat(c.value()).isEqualTo(99.5);
                assertThat(c.samples()).isEqualTo(1200);
                assertThat(c.source()).isEqualTo("rate query");
            });
            assertThat(events(d, Event.CheckEvaluated.class)).hasSize(2);
            assertThat(events(d, Event.WeightChanged.class)).singleElement()
                    .satisfies(e -> assertThat(e.from()).isEqualTo(5));
        }

        @Test
        void eventsNameTheCanaryAndTheTickTime() {
            World w = World.started(TestSpecs.seed());
            w.runToEnd(30);

            assertThat(w.decisions).allSatisfy(d -> assertThat(d.events()).allSatisfy(e -> {
                assertThat(e.canary()).isEqualTo("demo-canary/podinfo");
                assertThat(e.at()).isEqualTo(d.state().history().get(d.state().history().size() - 1).at());
            }));
        }

        @Test
        void theTickTimeComesOnlyFromNow() {
            World w = World.started(TestSpecs.seed());
            w.now = Instant.parse("2031-05-06T07:08:09Z").minus(Duration.ofSeconds(10));

            Decision d = w.tick();

            assertThat(d.state().history().get(d.state().history().size() - 1).at())
                    .isEqualTo(Instant.parse("2031-05-06T07:08:09Z"));
        }
    }
}
