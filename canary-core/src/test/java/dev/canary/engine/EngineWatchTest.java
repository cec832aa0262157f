package dev.canary.engine;

import static dev.canary.engine.EngineSequentialTest.canary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.engine.judge.Finding;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spec.SequentialSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Watches between ticks ({@link Engine#watch}): a sequential check that shows harm rolls back at once; nothing else
 * is decided, and a watch that shows no harm changes nothing.
 */
class EngineWatchTest {
    static final SequentialSpec WATCHING = EngineSequentialTest.SLO.toBuilder().watch(Duration.ofSeconds(2)).build();

    static World started() {
        World w = EngineSequentialTest.world(WATCHING);
        w.tick(); // the analysis starts: weight 5
        assertThat(w.state.canaryWeight()).isEqualTo(5);
        return w;
    }

    @Test
    void harmShownBetweenTicksRollsBackAtOnce() {
        World w = started();
        w.counts = (x, c) -> canary(20, 6);
        Decision d = w.watch(Duration.ofSeconds(4));

        assertThat(d).isNotNull();
        assertThat(d.state().rollbackReason()).contains("sequential checks showed harm between ticks",
                "request-success-rate", "slo: 6/20 canary");
        assertThat(d.actions()).contains(new Action.SetRoutes(Routes.PRIMARY_ONLY), new Action.ScaleCanaryDown());
        assertThat(d.state().history().get(d.state().history().size() - 1).at()).isEqualTo(w.now);
        assertThat(d.state().sequential().checks().get("request-success-rate").finding()).isEqualTo(Finding.HARM);
        assertThat(d.state().failedChecks()).isZero();
        assertThat(d.state().iterations()).isEqualTo(w.decisions.get(w.decisions.size() - 2).state().iterations());
        w.runToEnd(3);
        assertThat(w.state.phase()).isEqualTo(Phase.FAILED);
    }

    @Test
    void aWatchThatShowsNoHarmChangesNothingAndTheNextTickReadsTheCountsAgain() {
        World w = started();
        RunState before = w.state;
        w.counts = (x, c) -> canary(20, 1);
        assertThat(w.watch(Duration.ofSeconds(2))).isNull();
        assertThat(w.watch(Duration.ofSeconds(4))).isNull();
        assertThat(w.state).isSameAs(before);

        w.counts = (x, c) -> canary(40, 1);
        w.tick();
        var test = w.state.sequential().checks().get("request-success-rate").tests().get(0);
        assertThat(test.canaryRequests()).isEqualTo(40);
        assertThat(test.canaryEvents()).isEqualTo(1);
    }

    @Test
    void leaningTowardHarmIsLeftToTheTick() {
        World w = started();
        w.counts = (x, c) -> canary(10, 2);
        assertThat(w.watch(Duration.ofSeconds(2))).isNull();
        assertThat(w.state.canaryWeight()).isEqualTo(5);
        assertThat(w.state.rollbackReason()).isNull();
    }

    @Test
    void failedCountsBetweenTicksAreLeftToTheTick() {
        World w = started();
        w.counts = (x, c) -> new SubjectCounts(new dev.canary.spec.MetricResult.Failed("down", "q"), null);
        assertThat(w.watch(Duration.ofSeconds(2))).isNull();
        assertThat(w.state.failedChecks()).isZero();
    }

    @Test
    void aRunWatchesOnlyWhileItsAnalysisSendsTrafficToTheCanary() {
        World fresh = World.started(EngineSequentialTest.spec(WATCHING));
        assertThat(Engine.watching(fresh.spec, fresh.state)).as("before the analysis started").isFalse();
        fresh.counts = (x, c) -> canary(20, 20);
        assertThat(fresh.watch(Duration.ofSeconds(2))).isNull();

        World w = started();
        assertThat(Engine.watching(w.spec, w.state)).isTrue();
        w.counts = (x, c) -> canary(20, 6);
        w.watch(Duration.ofSeconds(2));
        assertThat(Engine.watching(w.spec, w.state)).as("a rollback decided").isFalse();

        CanarySpec suspended = w.spec.toBuilder().suspend(true).build();
        assertThat(Engine.watching(suspended, started().state)).isFalse();
    }

    @Test
    void aRunWithoutAWatchingCheckNeverWatches() {
        World w = EngineSequentialTest.world(EngineSequentialTest.SLO);
        w.tick();
        w.counts = (x, c) -> canary(20, 20);
        assertThat(Engine.watchEvery(w.spec)).isNull();
        assertThat(Engine.watching(w.spec, w.state)).isFalse();
        assertThat(w.watch(Duration.ofSeconds(2))).isNull();
        assertThat(w.state.rollbackReason()).isNull();
    }

    @Test
    void theRunWatchesAtTheShortestWatchOfItsChecks() {
        CanarySpec spec = TestSpecs.analysis(a -> a.metrics(
                MetricCheck.successRate(99).toBuilder().sequential(WATCHING).build(),
                MetricCheck.p99LatencyMillis(500).toBuilder()
                        .sequential(WATCHING.toBuilder().watch(Duration.ofMillis(1500)).build()).build()));
        assertThat(Engine.watchEvery(spec)).isEqualTo(Duration.ofMillis(1500));
    }
}
