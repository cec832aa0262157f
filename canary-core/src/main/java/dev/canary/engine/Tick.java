package dev.canary.engine;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spec.Severity;
import dev.canary.spec.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The working context of one tick: the inputs, the state being derived, and the actions, events and check
 * evaluations decided so far. Created per call of {@link Engine#step}; not thread-safe.
 */
final class Tick {
    final CanarySpec spec;
    final AnalysisSpec analysis;
    final RunState before;
    final Observations obs;
    final Instant now;

    private RunState cur;
    private final List<Action> actions = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<CheckEvaluation> checks = new ArrayList<>();
    private boolean commandsTaken;
    private boolean newRun;

    Tick(CanarySpec spec, RunState state, Observations obs, Instant now) {
        this.spec = spec;
        this.analysis = spec.analysis();
        this.before = state;
        this.obs = obs;
        this.now = now;
        this.cur = state;
    }

    /** The state as derived so far in this tick. */
    RunState cur() {
        return cur;
    }

    void update(UnaryOperator<RunState.Builder> change) {
        cur = change.apply(cur.toBuilder()).build();
    }

    // ---- observations -------------------------------------------------------------------------------------

    /** The needs not observed yet, or {@code null} when everything asked for is there. */
    Step.@Nullable Observe need(Need... needs) {
        // asked many times per step, nearly always with everything observed: no allocation then
        Set<Need> missing = null;
        for (Need need : needs) {
            if (!obs.has(need)) {
                if (missing == null) {
                    missing = new LinkedHashSet<>();
                }
                missing.add(need);
            }
        }
        return missing == null ? null : new Step.Observe(missing);
    }

    /** The gate need for {@code type}, or {@code null} when the spec has no hooks of that type or it was observed. */
    Step.@Nullable Observe needGate(HookType type) {
        return hasHooks(type) ? need(Need.gate(type)) : null;
    }

    boolean hasHooks(HookType type) {
        return !analysis.webhooks(type).isEmpty();
    }

    /** The answer of the hooks of {@code type}; approval when the spec has none. */
    GateResult gate(HookType type) {
        GateResult result = obs.gates().get(type);
        return hasHooks(type) && result != null ? result : GateResult.approve();
    }

    TargetStatus target() {
        return Objects.requireNonNull(obs.target(), "target not observed");
    }

    Routes routes() {
        return Objects.requireNonNull(obs.routes(), "routes not observed");
    }

    /** Takes the router's read-back weights as the current ones (the router is the source of truth). */
    void routesObserved(Routes routes) {
        if (routes.canary() != cur.canaryWeight() || routes.mirrored() != cur.mirrored()) {
            note(Severity.WARN, "router reports " + routes + " but canary weight " + cur.canaryWeight()
                    + " was decided; continuing from the router's weights");
        }
        update(b -> b.canaryWeight(routes.canary()).mirrored(routes.mirrored()));
    }

    /** Marks the manual commands as handled (otherwise the decision notes that they were ignored). */
    void takeCommands() {
        commandsTaken = true;
    }

    // ---- decisions ----------------------------------------------------------------------------------------

    void act(Action action) {
        actions.add(action);
    }

    void event(Event event) {
        events.add(event);
    }

    void note(Severity severity, String message) {
        events.add(new Event.Note(spec.key(), now, severity, message));
    }

    void toPhase(Phase to, String reason) {
        Phase from = cur.phase();
        if (from != to) {
            events.add(new Event.PhaseChanged(spec.key(), now, from, to, reason));
            update(b -> b.phase(to).phaseSince(now));
        }
    }

    /** Sets the router's weights: a {@code SetRoutes} action, and a {@code WeightChanged} event if they change. */
    void routeTo(Routes routes) {
        act(new Action.SetRoutes(routes));
        if (routes.canary() != cur.canaryWeight() || routes.mirrored() != cur.mirrored()) {
            events.add(new Event.WeightChanged(spec.key(), now, cur.canaryWeight(), routes.canary(),
                    routes.mirrored()));
        }
        update(b -> b.canaryWeight(routes.canary()).mirrored(routes.mirrored()));
    }

    void gateWaiting(HookType type, String detail) {
        boolean muted = analysis.webhooks(type).stream().allMatch(w -> w.muteAlert());
        events.add(new Event.GateWaiting(spec.key(), now, type, detail, muted));
    }

    void evaluated(List<CheckEvaluation> evaluations) {
        for (CheckEvaluation e : evaluations) {
            checks.add(e);
            events.add(new Event.CheckEvaluated(spec.key(), now, e));
        }
    }

    List<CheckEvaluation> checks() {
        return List.copyOf(checks);
    }

    /** Starts a new run: counters and the check evaluations of the previous run are dropped. */
    void resetRun(String revision) {
        newRun = true;
        update(b -> b.failedChecks(0).iterations(0).mirrored(false).canaryWeight(0)
                .lastAppliedRevision(revision).waitingSince(null).sequential(null));
    }

    /** Starts (or continues) a wait for readiness; returns whether the progress deadline has passed. */
    boolean waitPastDeadline() {
        Instant since = cur.waitingSince();
        if (since == null) {
            update(b -> b.waitingSince(now));
            since = now;
        }
        return Duration.between(since, now).compareTo(spec.progressDeadline()) >= 0;
    }

    /** How long the current wait has lasted, in seconds, for evidence. */
    long waitedSeconds() {
        Instant since = cur.waitingSince();
        return since == null ? 0 : Duration.between(since, now).toSeconds();
    }

    /**
     * Decides a rollback: all traffic to the primary and the canary down. The phase becomes {@code Failed}
     * once the router confirms the routes (see {@link Rollbacks}).
     */
    Decision rollback(String reason) {
        routeTo(Routes.PRIMARY_ONLY);
        act(new Action.ScaleCanaryDown());
        update(b -> b.rollbackReason(reason).waitingSince(null));
        note(Severity.WARN, "rolling back: " + reason);
        return decide("rolling back: " + reason);
    }

    /** The decision of the tick: the state with the tick counted, its record in the history, and the actions. */
    Decision decide(String summary) {
        if (!obs.commands().isEmpty() && !commandsTaken) {
            String why = spec.suspend() ? "the canary is suspended"
                    : before.rollbackReason() != null ? "a rollback is under way"
                    : "only a run in Progressing or WaitingPromotion takes them (phase was "
                            + before.phase().displayName() + ")";
            note(Severity.WARN, "commands " + obs.commands() + " ignored: " + why);
        }
        String evidence = checks.isEmpty() ? summary : summary + " [" + Evidence.describe(checks) + "]";
        Map<String, CheckEvaluation> last = new LinkedHashMap<>(newRun ? Map.of() : cur.lastChecks());
        checks.forEach(c -> last.put(c.name(), c));
        if (cur.phaseSince() == null) {
            update(b -> b.phaseSince(now));
        }
        long tick = before.ticks() + 1;
        DecisionRecord record = new DecisionRecord(tick, now, cur.phase(), cur.canaryWeight(), cur.failedChecks(),
                evidence, checks);
        RunState next = cur.toBuilder().ticks(tick).lastChecks(last).history(cur.historyWith(record))
                .pendingActions(actions).build();
        return new Decision(next, actions, events);
    }
}
