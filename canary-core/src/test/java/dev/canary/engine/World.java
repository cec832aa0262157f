package dev.canary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Readiness;
import dev.canary.spec.Routes;
import dev.canary.spec.TargetStatus;
import dev.canary.spec.ThresholdRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A test-only runner: a fake deployment target and router, scripted metric values and gate answers. It drives
 * the engine tick by tick with literal instants (no clock), answers every need the engine asks for, applies the
 * actions of each decision, and records what happened.
 */
final class World {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    final CanarySpec spec;
    RunState state = RunState.initial();
    Instant now = T0;

    // the deployment target
    @Nullable String revision = "v1";
    @Nullable String primaryRevision;
    Readiness primary = Readiness.READY;
    Readiness canary = Readiness.READY;
    @Nullable Readiness primaryAfterPromote;
    boolean canaryUp;

    // the router
    Routes routes = Routes.PRIMARY_ONLY;
    int refuseSetRoutes;

    // scripts
    BiFunction<World, MetricCheck, MetricResult> metrics = World::healthy;
    /** Cumulative counts of a sequential check since the analysis started, per subject. */
    BiFunction<World, MetricCheck, SubjectCounts> counts = (w, c) -> new SubjectCounts(
            new MetricResult.Counts(dev.canary.spec.RequestCounts.NONE, ""),
            new MetricResult.Counts(dev.canary.spec.RequestCounts.NONE, ""));
    final Map<HookType, Function<World, GateResult>> gates = new EnumMap<>(HookType.class);
    final Set<Command> commands = EnumSet.noneOf(Command.class);

    // records
    final List<Decision> decisions = new ArrayList<>();
    final List<List<Set<Need>>> asked = new ArrayList<>();
    final List<Routes> routesAfter = new ArrayList<>();
    final Map<HookType, Integer> gateCalls = new EnumMap<>(HookType.class);
    final List<Action> applied = new ArrayList<>();
    int metricRounds;

    World(CanarySpec spec) {
        this.spec = spec;
        // hooks approve unless told otherwise; a rollback hook's approval would roll back, so it says no
        gates.put(HookType.ROLLBACK, w -> GateResult.deny("no rollback requested"));
    }

    /** A world whose canary is bootstrapped ({@code Initialized}) with the primary at {@code v1}. */
    static World initialized(CanarySpec spec) {
        World w = new World(spec);
        w.untilPhase(Phase.INITIALIZED, 5);
        return w;
    }

    /** A world in which revision {@code v2} was just detected ({@code Progressing}, weight 0). */
    static World started(CanarySpec spec) {
        World w = initialized(spec);
        w.revision = "v2";
        w.tick();
        assertThat(w.state.phase()).isEqualTo(Phase.PROGRESSING);
        return w;
    }

    /** Passes healthy values: the middle of each check's range (or 1 above the minimum, 1 below the maximum). */
    static MetricResult healthy(World w, MetricCheck check) {
        ThresholdRange r = check.thresholdRange();
        double v = r.min() != null && r.max() != null ? (r.min() + r.max()) / 2
                : r.min() != null ? r.min() + 1 : r.max() != null ? r.max() - 1 : 0;
        return new MetricResult.Value(v, 1000, "query " + check.name());
    }

    /** Healthy values except {@code value} for the check named {@code name}. */
    static BiFunction<World, MetricCheck, MetricResult> with(String name, MetricResult value) {
        return (w, c) -> c.name().equals(name) ? value : healthy(w, c);
    }

    World answer(HookType type, GateResult result) {
        gates.put(type, w -> result);
        return this;
    }

    /** One interval later, one tick. */
    Decision tick() {
        now = now.plus(spec.analysis().interval());
        return step();
    }

    /** One decision at the current instant (as the runner does right after applying a rollback). */
    Decision step() {
        Observations obs = Observations.withCommands(Set.copyOf(commands));
        commands.clear();
        List<Set<Need>> asks = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            Step step = Engine.step(spec, state, obs, now);
            if (step instanceof Decision d) {
                return apply(d, asks);
            }
            Set<Need> needs = ((Step.Observe) step).needs();
            asks.add(needs);
            for (Need need : needs) {
                assertThat(obs.has(need)).as("engine asked again for %s it was given", need).isFalse();
                obs = observe(obs, need);
            }
        }
        throw new AssertionError("engine kept asking for observations: " + asks);
    }

    /**
     * A watch between ticks {@code after} the last tick: {@code null} when nothing changed (the clock stays on
     * the ticks' grid), else the rollback decision, applied, and the clock at the watch. Asserts that a watch
     * asks for the counts and nothing else.
     */
    @Nullable Decision watch(Duration after) {
        Instant at = now.plus(after);
        Observations obs = Observations.NONE;
        for (int round = 0; round < 10; round++) {
            Step step = Engine.watch(spec, state, obs, at);
            if (step == null) {
                return null;
            }
            if (step instanceof Decision d) {
                now = at;
                return apply(d, List.of(Set.of(Need.COUNTS)));
            }
            Set<Need> needs = ((Step.Observe) step).needs();
            assertThat(needs).as("a watch asks only for the counts").containsExactly(Need.COUNTS);
            assertThat(obs.has(Need.COUNTS)).as("engine asked again for counts it was given").isFalse();
            obs = observe(obs, Need.COUNTS);
        }
        throw new AssertionError("engine kept asking for observations between ticks");
    }

    /** Ticks until the run is terminal, re-stepping at once after a decided rollback, as the runner does. */
    List<Decision> runToEnd(int maxTicks) {
        List<Decision> run = new ArrayList<>();
        for (int i = 0; i < maxTicks; i++) {
            boolean confirm = state.rollbackReason() != null;
            run.add(confirm ? step() : tick());
            if (state.isTerminal()) {
                return run;
            }
        }
        throw new AssertionError("not terminal after " + maxTicks + " ticks: " + state.phase());
    }

    void untilPhase(Phase phase, int maxTicks) {
        for (int i = 0; i < maxTicks && state.phase() != phase; i++) {
            tick();
        }
        assertThat(state.phase()).isEqualTo(phase);
    }

    Decision last() {
        return decisions.get(decisions.size() - 1);
    }

    List<Set<Need>> lastAsks() {
        return asked.get(asked.size() - 1);
    }

    private Observations observe(Observations obs, Need need) {
        return switch (need.kind()) {
            case TARGET -> obs.withTarget(new TargetStatus(revision, primaryRevision, primary, canary));
            case ROUTES -> obs.withRoutes(routes);
            case METRICS -> {
                metricRounds++;
                Map<String, MetricResult> values = new LinkedHashMap<>();
                spec.analysis().metrics().forEach(c -> values.put(c.name(), metrics.apply(this, c)));
                yield obs.withMetrics(new HashMap<>(values));
            }
            case COUNTS -> {
                Map<String, SubjectCounts> answers = new LinkedHashMap<>();
                spec.analysis().metrics().stream().filter(MetricCheck::isSequential)
                        .forEach(c -> answers.put(c.name(), counts.apply(this, c)));
                yield obs.withCounts(answers);
            }
            case GATE -> {
                HookType type = java.util.Objects.requireNonNull(need.hook());
                gateCalls.merge(type, 1, Integer::sum);
                yield obs.withGate(type, gates.getOrDefault(type, w -> GateResult.approve()).apply(this));
            }
        };
    }

    private Decision apply(Decision d, List<Set<Need>> asks) {
        state = d.state();
        decisions.add(d);
        asked.add(asks);
        for (Action action : d.actions()) {
            applied.add(action);
            if (action instanceof Action.Initialize && primaryRevision == null) {
                primaryRevision = revision;
            } else if (action instanceof Action.SetRoutes set) {
                if (refuseSetRoutes > 0) {
                    refuseSetRoutes--;
                } else {
                    routes = set.routes();
                }
            } else if (action instanceof Action.ScaleCanaryUp) {
                canaryUp = true;
            } else if (action instanceof Action.ScaleCanaryDown) {
                canaryUp = false;
            } else if (action instanceof Action.Promote) {
                primaryRevision = revision;
                if (primaryAfterPromote != null) {
                    primary = primaryAfterPromote;
                }
            }
        }
        routesAfter.add(routes);
        return d;
    }

    int ticksSince(Instant start) {
        return (int) (Duration.between(start, now).toSeconds() / spec.analysis().interval().toSeconds());
    }
}
