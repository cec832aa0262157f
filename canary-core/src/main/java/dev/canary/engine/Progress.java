package dev.canary.engine;

import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Readiness;
import dev.canary.spec.RollbackTiming;
import dev.canary.spec.Routes;
import dev.canary.spec.Severity;
import org.jspecify.annotations.Nullable;

/**
 * A tick of a run under analysis ({@code Progressing}, {@code WaitingPromotion}), up to the analysis itself:
 * manual commands, a new revision mid-run, the primary's and the canary's readiness, {@code skipAnalysis},
 * rollback hooks and the failed-check threshold. Stateless.
 */
final class Progress {
    private Progress() {
    }

    static Step tick(Tick t) {
        if (t.obs.commands().contains(Command.ABORT)) {
            t.takeCommands();
            String reason = t.obs.abortReason();
            return t.rollback("aborted by command" + (reason == null || reason.isBlank() ? "" : ": " + reason));
        }
        if (t.obs.commands().contains(Command.PROMOTE_NOW)) {
            t.takeCommands();
            return Promotion.promote(t, "promote now by command, skipping the remaining analysis");
        }
        Step.Observe missing = t.need(Need.TARGET);
        if (missing != null) {
            return missing;
        }
        RunState s = t.cur();
        String revision = t.target().revision();
        if (revision != null && !revision.equals(s.lastAppliedRevision())
                && !revision.equals(s.lastPromotedRevision())) {
            return restart(t, revision);
        }
        if (!t.spec.skipAnalysis()) {
            Step primaryWait = unready(t, t.target().primary(), "primary");
            if (primaryWait != null) {
                return primaryWait;
            }
        }
        Step canaryWait = unready(t, t.target().canary(), "canary");
        if (canaryWait != null) {
            return canaryWait;
        }
        t.update(b -> b.waitingSince(null));
        if (t.spec.skipAnalysis()) {
            t.routeTo(Routes.PRIMARY_ONLY);
            t.act(new Action.Promote());
            return Promotion.succeed(t, "skipAnalysis: promoted without analysis");
        }
        return rollbackHooksAndThreshold(t);
    }

    /**
     * A rollback when {@code readiness} failed, a wait (nothing counted, the progress deadline applies) while it
     * is not ready yet, or {@code null} when it is ready.
     */
    private static @Nullable Step unready(Tick t, Readiness readiness, String workload) {
        if (readiness.state() == Readiness.State.FAILED) {
            return t.rollback(workload + " failed: " + readiness.reason());
        }
        if (readiness.state() == Readiness.State.WAITING) {
            if (t.waitPastDeadline()) {
                return t.rollback(workload + " not ready within progressDeadline " + t.spec.progressDeadline()
                        + ": " + readiness.reason());
            }
            return t.decide("waiting " + t.waitedSeconds() + "s for the " + workload + " to be ready, nothing "
                    + "counted: " + readiness.reason());
        }
        return null;
    }

    private static Step rollbackHooksAndThreshold(Tick t) {
        Step.Observe missing = t.needGate(HookType.ROLLBACK);
        if (missing != null) {
            return missing;
        }
        GateResult rollbackGate = t.gate(HookType.ROLLBACK);
        if (t.hasHooks(HookType.ROLLBACK) && rollbackGate.answer() == GateAnswer.APPROVE) {
            return t.rollback("rollback hook approved a rollback" + Evidence.detail(rollbackGate));
        }
        int failed = t.cur().failedChecks();
        int threshold = t.analysis.threshold();
        if (failed >= threshold) {
            String timing = t.analysis.rollbackTiming() == RollbackTiming.NEXT_TICK ? " (rollbackTiming NEXT_TICK)"
                    : "";
            return t.rollback("failed checks threshold reached " + failed + "/" + threshold + timing);
        }
        return Analysis.analyse(t);
    }

    private static Decision restart(Tick t, String revision) {
        String previous = t.cur().lastAppliedRevision();
        t.routeTo(Routes.PRIMARY_ONLY);
        t.resetRun(revision);
        t.note(Severity.INFO, "New revision " + revision + " detected during the analysis of " + previous
                + "; restarting the analysis");
        t.toPhase(Phase.PROGRESSING, "analysis restarted for revision " + revision);
        return t.decide("new revision " + revision + " replaces " + previous
                + " mid-run: all traffic to the primary, analysis restarts");
    }
}
