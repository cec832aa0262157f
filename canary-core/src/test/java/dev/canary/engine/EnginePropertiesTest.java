package dev.canary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.MatchRule;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.Phase;
import dev.canary.spec.Readiness;
import dev.canary.spec.RollbackTiming;
import dev.canary.spec.Routes;
import dev.canary.spec.Strategy;
import dev.canary.spec.StringMatch;
import dev.canary.spec.WebhookSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Invariants of the engine over random specs (strategy, steps, ceiling, threshold, timing, mirroring, hooks) and
 * random tick outcomes (metric values, no data, errors, gate answers, readiness, time jumps, router refusals,
 * new revisions). QuickTheories shrinks a failing case and prints it.
 */
class EnginePropertiesTest {
    /** Fixed so that a failure reproduces; {@code -Dcanary.qt.seed=N} explores other cases. */
    static final long SEED = Long.getLong("canary.qt.seed", 0x5EED_CA4A_4DL);
    static final int EXAMPLES = Integer.getInteger("canary.qt.examples", 400);
    static final int MAX_TICKS = 80;

    /** Twelve parameters in 0..999, decoded into a valid spec. */
    static final Gen<CanarySpec> SPECS = lists().of(integers().between(0, 999)).ofSize(12)
            .map(EnginePropertiesTest::spec).describedAs(s -> s.analysis().toString());

    /** Per-tick outcomes: five decimal digits each (metrics, gates, readiness, time, router/revision). */
    static final Gen<List<Integer>> SCRIPTS = lists().of(integers().between(0, 99_999)).ofSizeBetween(1, 40);

    static CanarySpec spec(List<Integer> p) {
        Strategy strategy = Strategy.values()[p.get(0) % 3];
        int maxWeight = 1 + p.get(1) % 100;
        AnalysisSpec.Builder a = TestSpecs.seed().analysis().toBuilder()
                .maxWeight(maxWeight).threshold(1 + p.get(5) % 5)
                .rollbackTiming(RollbackTiming.values()[p.get(6) % 2])
                .stepWeightPromotion(p.get(9) % 3 == 0 ? 0 : 1 + p.get(9) % 100)
                .metrics(MetricCheck.successRate(99).toBuilder()
                        .onNoData(OutcomePolicy.values()[p.get(11) % 2]).build(), MetricCheck.p99LatencyMillis(500));
        if (p.get(2) % 4 == 0) {
            a.stepWeight(0).stepWeights(ladder(p.get(3)));
        } else {
            a.stepWeight(1 + p.get(2) % maxWeight).stepWeights(p.get(4) % 3 == 0 ? ladder(p.get(3)) : List.of());
        }
        if (strategy != Strategy.CANARY) {
            a.iterations(1 + p.get(8) % 5);
        }
        if (strategy == Strategy.AB_TESTING) {
            a.match(List.of(MatchRule.header("x-canary", StringMatch.exact("1"))));
        } else {
            a.mirror(p.get(7) % 3 == 0);
        }
        List<WebhookSpec> hooks = new ArrayList<>();
        HookType[] types = {HookType.CONFIRM_ROLLOUT, HookType.PRE_ROLLOUT, HookType.ROLLOUT,
            HookType.CONFIRM_TRAFFIC_INCREASE, HookType.CONFIRM_PROMOTION, HookType.ROLLBACK, HookType.POST_ROLLOUT};
        for (int i = 0; i < types.length; i++) {
            if ((p.get(10) & (1 << i)) != 0) {
                hooks.add(TestSpecs.hook(types[i]));
            }
        }
        a.webhooks(hooks);
        return TestSpecs.seed().toBuilder().analysis(a.build()).build();
    }

    static List<Integer> ladder(int seed) {
        Random random = new Random(seed);
        TreeSet<Integer> rungs = new TreeSet<>();
        int size = 1 + random.nextInt(5);
        while (rungs.size() < size) {
            rungs.add(1 + random.nextInt(100));
        }
        return List.copyOf(rungs);
    }

    /** The largest canary weight a spec may ever route. */
    static int ceiling(CanarySpec spec) {
        return spec.analysis().strategy() == Strategy.CANARY ? spec.analysis().effectiveMaxWeight() : 100;
    }

    @Test
    void invariantsHoldForRandomSpecsAndOutcomes() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(SPECS, SCRIPTS).checkAssert((spec, script) -> {
            World w = World.initialized(spec);
            w.revision = "v2";
            for (int i = 0; i < MAX_TICKS && !w.state.isTerminal(); i++) {
                script(w, script.get(i % script.size()), i);
                Decision d = w.state.rollbackReason() != null ? w.step() : w.tick();
                assertInvariants(spec, w, d);
            }
        });
    }

    private static void script(World w, int r, int tick) {
        int metrics = r % 10;
        int gates = r / 10 % 10;
        int readiness = r / 100 % 10;
        int time = r / 1000 % 10;
        int world = r / 10_000 % 10;
        MetricResult rate = metrics < 6 ? MetricResult.value(99.9) : metrics < 8 ? MetricResult.value(80)
                : metrics == 8 ? new MetricResult.NoData("empty", "q") : new MetricResult.Failed("down", "q");
        w.metrics = World.with("request-success-rate", rate);
        GateResult answer = gates < 7 ? GateResult.approve() : gates < 9 ? GateResult.waiting("w")
                : GateResult.deny("d");
        for (HookType type : HookType.values()) {
            w.answer(type, answer);
        }
        w.answer(HookType.ROLLBACK, gates == 9 ? GateResult.approve() : GateResult.deny("no"));
        w.canary = readiness == 8 ? Readiness.waiting("rolling") : readiness == 7 && metrics == 0
                ? Readiness.failed("crash") : Readiness.READY;
        w.primary = readiness == 9 ? Readiness.waiting("rolling") : Readiness.READY;
        if (time == 9) {
            w.now = w.now.plus(Duration.ofMinutes(10));
        }
        w.refuseSetRoutes = world == 9 ? 1 : 0;
        if (world == 8 && metrics == 0) {
            w.revision = "v" + (3 + tick);
        }
    }

    private static void assertInvariants(CanarySpec spec, World w, Decision d) {
        RunState s = d.state();
        assertThat(s.canaryWeight()).isBetween(0, ceiling(spec));
        assertThat(w.routes.canary()).isBetween(0, ceiling(spec));
        for (Action action : d.actions()) {
            if (action instanceof Action.SetRoutes set) {
                assertThat(set.routes().primary()).isEqualTo(100 - set.routes().canary());
                assertThat(set.routes().canary()).isBetween(0, ceiling(spec));
            }
        }
        if (s.phase() == Phase.FAILED && s.isTerminal()) {
            assertThat(s.canaryWeight()).isZero();
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
        }
        if (s.phase() == Phase.PROMOTING || s.phase() == Phase.FINALISING || s.phase() == Phase.SUCCEEDED) {
            assertThat(s.failedChecks()).as("promoted after the threshold").isLessThan(spec.analysis().threshold());
        }
        DecisionRecord last = s.history().get(s.history().size() - 1);
        assertThat(last.summary()).isNotBlank();
        assertThat(last.tick()).isEqualTo(s.ticks());
        assertThat(s.pendingActions()).isEqualTo(d.actions());
    }

    @Test
    void healthyRunsSucceedWithinABoundedNumberOfTicks() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(SPECS).checkAssert(spec -> {
            World w = World.initialized(spec);
            w.revision = "v2";

            List<Decision> run = w.runToEnd(bound(spec.analysis()) + 1);

            assertThat(w.state.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(run.size()).isLessThanOrEqualTo(bound(spec.analysis()));
            assertThat(w.primaryRevision).isEqualTo("v2");
            assertThat(w.routes).isEqualTo(Routes.PRIMARY_ONLY);
        });
    }

    /** Detection, the analysis ticks of the strategy, the promotion tick, moving traffic back, finalising. */
    static int bound(AnalysisSpec a) {
        int analysis = switch (a.strategy()) {
            case CANARY -> (a.stepWeight() > 0 ? ceilDiv(a.effectiveMaxWeight(), a.stepWeight())
                    : a.stepWeights().size()) + (a.mirror() ? 1 : 0) + 1;
            case BLUE_GREEN -> a.iterations() + 2;
            case AB_TESTING -> a.iterations() + 1;
        };
        int back = a.stepWeightPromotion() == 0 ? 1 : ceilDiv(100, a.stepWeightPromotion());
        return 1 + analysis + back + 1;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
