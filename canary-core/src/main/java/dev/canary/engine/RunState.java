package dev.canary.engine;

import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a run needs to continue after a restart. Persisted by a {@code StateStore} after every decision
 * and before any action (write-ahead), so a new process resumes where the last one stopped.
 *
 * @param phase                the phase
 * @param canaryWeight         the canary weight last decided (the router is read back every tick)
 * @param mirrored             whether mirroring was last decided on
 * @param failedChecks         failed checks in this run (cumulative, reset when a run starts)
 * @param iterations           analysis iterations done (blue/green, A/B)
 * @param lastAppliedRevision  the revision under analysis (or last analysed)
 * @param lastPromotedRevision the revision the primary runs
 * @param waitingSince         when the current wait for readiness began; the progress deadline counts from here
 * @param phaseSince           when the current phase began
 * @param rollbackReason       set while a decided rollback is not yet confirmed by the router
 * @param ticks                ticks decided so far
 * @param lastChecks           the latest evaluation of every check
 * @param history              decisions with their evidence, oldest first, at most {@link #MAX_HISTORY}
 * @param pendingActions       the actions of the last decision; re-applied on resume (they are idempotent)
 * @param sequential           the sequential judgement of the current analysis, when it has sequential checks
 */
public record RunState(
        Phase phase,
        int canaryWeight,
        boolean mirrored,
        int failedChecks,
        int iterations,
        @Nullable String lastAppliedRevision,
        @Nullable String lastPromotedRevision,
        @Nullable Instant waitingSince,
        @Nullable Instant phaseSince,
        @Nullable String rollbackReason,
        long ticks,
        Map<String, CheckEvaluation> lastChecks,
        List<DecisionRecord> history,
        List<Action> pendingActions,
        @Nullable SequentialState sequential) {

    /** The history keeps the latest entries up to this many. */
    public static final int MAX_HISTORY = 1000;

    public RunState {
        Objects.requireNonNull(phase, "phase == null");
        Objects.requireNonNull(lastChecks, "lastChecks == null");
        Objects.requireNonNull(history, "history == null");
        Objects.requireNonNull(pendingActions, "pendingActions == null");
        // a state is rebuilt several times per tick: the checks of another state are already an immutable copy
        lastChecks = lastChecks instanceof Checks ? lastChecks : new Checks(lastChecks);
        history = List.copyOf(history.size() > MAX_HISTORY
                ? history.subList(history.size() - MAX_HISTORY, history.size()) : history);
        pendingActions = List.copyOf(pendingActions);
    }

    /** The state of a canary that was never run: {@link Phase#INITIALIZING}. */
    public static RunState initial() {
        return new RunState(Phase.INITIALIZING, 0, false, 0, 0, null, null, null, null, null, 0, Map.of(),
                List.of(), List.of(), null);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether the run has ended: succeeded, or rolled back with the rollback confirmed. */
    public boolean isTerminal() {
        return phase.isTerminal() && rollbackReason == null;
    }

    /** The history plus one record. */
    public List<DecisionRecord> historyWith(DecisionRecord record) {
        List<DecisionRecord> next = new ArrayList<>(history);
        next.add(record);
        return next;
    }

    /** Derives a modified state; not thread-safe. */
    public static final class Builder {
        private Phase phase;
        private int canaryWeight;
        private boolean mirrored;
        private int failedChecks;
        private int iterations;
        private @Nullable String lastAppliedRevision;
        private @Nullable String lastPromotedRevision;
        private @Nullable Instant waitingSince;
        private @Nullable Instant phaseSince;
        private @Nullable String rollbackReason;
        private long ticks;
        private Map<String, CheckEvaluation> lastChecks;
        private List<DecisionRecord> history;
        private List<Action> pendingActions;
        private @Nullable SequentialState sequential;

        private Builder(RunState s) {
            phase = s.phase;
            canaryWeight = s.canaryWeight;
            mirrored = s.mirrored;
            failedChecks = s.failedChecks;
            iterations = s.iterations;
            lastAppliedRevision = s.lastAppliedRevision;
            lastPromotedRevision = s.lastPromotedRevision;
            waitingSince = s.waitingSince;
            phaseSince = s.phaseSince;
            rollbackReason = s.rollbackReason;
            ticks = s.ticks;
            lastChecks = s.lastChecks;
            history = s.history;
            pendingActions = s.pendingActions;
            sequential = s.sequential;
        }

        public Builder phase(Phase phase) {
            this.phase = phase;
            return this;
        }

        public Builder canaryWeight(int canaryWeight) {
            this.canaryWeight = canaryWeight;
            return this;
        }

        public Builder mirrored(boolean mirrored) {
            this.mirrored = mirrored;
            return this;
        }

        public Builder failedChecks(int failedChecks) {
            this.failedChecks = failedChecks;
            return this;
        }

        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        public Builder lastAppliedRevision(@Nullable String revision) {
            this.lastAppliedRevision = revision;
            return this;
        }

        public Builder lastPromotedRevision(@Nullable String revision) {
            this.lastPromotedRevision = revision;
            return this;
        }

        public Builder waitingSince(@Nullable Instant waitingSince) {
            this.waitingSince = waitingSince;
            return this;
        }

        public Builder phaseSince(@Nullable Instant phaseSince) {
            this.phaseSince = phaseSince;
            return this;
        }

        public Builder rollbackReason(@Nullable String rollbackReason) {
            this.rollbackReason = rollbackReason;
            return this;
        }

        public Builder ticks(long ticks) {
            this.ticks = ticks;
            return this;
        }

        public Builder lastChecks(Map<String, CheckEvaluation> lastChecks) {
            this.lastChecks = lastChecks;
            return this;
        }

        public Builder history(List<DecisionRecord> history) {
            this.history = history;
            return this;
        }

        public Builder pendingActions(List<Action> pendingActions) {
            this.pendingActions = pendingActions;
            return this;
        }

        public Builder sequential(@Nullable SequentialState sequential) {
            this.sequential = sequential;
            return this;
        }

        public RunState build() {
            return new RunState(phase, canaryWeight, mirrored, failedChecks, iterations, lastAppliedRevision,
                    lastPromotedRevision, waitingSince, phaseSince, rollbackReason, ticks, lastChecks, history,
                    pendingActions, sequential);
        }
    }

    /** An immutable copy of the latest evaluations, in order; made only by this record, so shared without copying. */
    private static final class Checks extends java.util.AbstractMap<String, CheckEvaluation> {
        private final Map<String, CheckEvaluation> view;

        Checks(Map<String, CheckEvaluation> checks) {
            this.view = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }

        @Override
        public java.util.Set<Entry<String, CheckEvaluation>> entrySet() {
            return view.entrySet();
        }

        @Override
        public @Nullable CheckEvaluation get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public int size() {
            return view.size();
        }
    }
}
