package dev.canary.engine;

import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Readiness;
import dev.canary.spec.Severity;
import dev.canary.spec.TargetStatus;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Ticks outside a run: bootstrapping ({@code Initializing}) and waiting for a new revision ({@code Initialized},
 * {@code Succeeded}, {@code Failed}, {@code Waiting}), including the confirm-rollout gate. Stateless.
 */
final class Bootstrap {
    private Bootstrap() {
    }

    /** {@code Initializing}: bootstrap the primary, wait until it is ready, then look for a new revision. */
    static Step initialize(Tick t) {
        Step.Observe missing = t.need(Need.TARGET);
        if (missing != null) {
            return missing;
        }
        TargetStatus target = t.target();
        String primaryRevision = target.primaryRevision();
        if (primaryRevision == null) {
            if (t.waitPastDeadline()) {
                return t.rollback("primary not bootstrapped within progressDeadline " + t.spec.progressDeadline());
            }
            t.act(new Action.Initialize());
            return t.decide("initializing: bootstrapping the primary from the target");
        }
        Readiness primary = target.primary();
        if (primary.state() == Readiness.State.FAILED) {
            return t.rollback("primary failed during initialization: " + primary.reason());
        }
        if (primary.state() == Readiness.State.WAITING) {
            if (t.waitPastDeadline()) {
                return t.rollback("primary not ready within progressDeadline " + t.spec.progressDeadline() + ": "
                        + primary.reason());
            }
            return t.decide("initializing: waiting " + t.waitedSeconds() + "s for the primary to be ready: "
                    + primary.reason());
        }
        t.update(b -> b.lastPromotedRevision(primaryRevision).lastAppliedRevision(primaryRevision)
                .waitingSince(null));
        t.toPhase(Phase.INITIALIZED, "primary ready at revision " + primaryRevision);
        return detect(t);
    }

    /** Outside a run: start one when the target has a new revision (after the confirm-rollout gate). */
    static Step detect(Tick t) {
        Step.Observe missing = t.need(Need.TARGET);
        if (missing != null) {
            return missing;
        }
        RunState s = t.cur();
        if (s.lastPromotedRevision() == null) {
            t.toPhase(Phase.INITIALIZING, "the primary was never bootstrapped");
            return initialize(t);
        }
        String revision = t.target().revision();
        if (revision == null || !isNew(s, revision)) {
            return idle(t, revision);
        }
        missing = t.needGate(HookType.CONFIRM_ROLLOUT);
        if (missing != null) {
            return missing;
        }
        GateResult gate = t.gate(HookType.CONFIRM_ROLLOUT);
        return switch (gate.answer()) {
            case WAIT -> {
                t.toPhase(Phase.WAITING, "confirm-rollout holds revision " + revision);
                t.gateWaiting(HookType.CONFIRM_ROLLOUT, gate.detail());
                yield t.decide("new revision " + revision + " waits for confirm-rollout approval: " + gate.detail());
            }
            case DENY -> {
                t.update(b -> b.lastAppliedRevision(revision));
                t.toPhase(Phase.FAILED, "confirm-rollout denied revision " + revision);
                t.note(Severity.WARN, "confirm-rollout denied revision " + revision + ": " + gate.detail());
                yield t.decide("confirm-rollout denied revision " + revision + ", nothing was shifted: "
                        + gate.detail());
            }
            case APPROVE -> start(t, revision);
        };
    }

    private static boolean isNew(RunState s, String revision) {
        return !revision.equals(s.lastPromotedRevision())
                && (!revision.equals(s.lastAppliedRevision()) || s.phase() == Phase.WAITING);
    }

    private static Decision idle(Tick t, @Nullable String revision) {
        RunState s = t.cur();
        if (revision == null) {
            return t.decide("revision unknown (the target could not be read); nothing changes");
        }
        if (s.phase() == Phase.WAITING) {
            t.toPhase(Phase.INITIALIZED, "the target is back at the promoted revision " + revision);
            return t.decide("the target is back at the promoted revision " + revision + "; nothing to release");
        }
        if (s.phase() == Phase.FAILED && revision.equals(s.lastAppliedRevision())) {
            return t.decide("revision " + revision + " failed; change the target to try again (primary at "
                    + s.lastPromotedRevision() + ")");
        }
        return t.decide("no new revision: the primary runs " + Objects.requireNonNull(s.lastPromotedRevision()));
    }

    private static Decision start(Tick t, String revision) {
        t.resetRun(revision);
        t.act(new Action.ScaleCanaryUp());
        t.note(Severity.INFO, "New revision " + revision + " detected, starting the canary");
        t.toPhase(Phase.PROGRESSING, "new revision " + revision);
        return t.decide("new revision " + revision + " detected: canary scaled up, analysis starts next tick");
    }
}
