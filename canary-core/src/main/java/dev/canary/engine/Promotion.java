package dev.canary.engine;

import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Readiness;
import dev.canary.spec.Routes;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Promotion: the confirm-promotion gate, {@code Promoting} (wait for the primary, move traffic back to it,
 * all at once or by {@code stepWeightPromotion}) and {@code Finalising}. Stateless.
 */
final class Promotion {
    private Promotion() {
    }

    /**
     * Asks the confirm-promotion gate: approval runs {@code approved}; a wait moves to {@code WaitingPromotion}
     * (the analysis goes on); a denial rolls back.
     */
    static Step confirm(Tick t, String why, Supplier<Decision> approved) {
        Step.Observe missing = t.needGate(HookType.CONFIRM_PROMOTION);
        if (missing != null) {
            return missing;
        }
        GateResult gate = t.gate(HookType.CONFIRM_PROMOTION);
        return switch (gate.answer()) {
            case APPROVE -> approved.get();
            case WAIT -> {
                t.toPhase(Phase.WAITING_PROMOTION, "confirm-promotion holds promotion");
                t.gateWaiting(HookType.CONFIRM_PROMOTION, gate.detail());
                yield t.decide(why + "; waiting for confirm-promotion approval: " + gate.detail());
            }
            case DENY -> t.rollback("confirm-promotion denied: " + gate.detail());
        };
    }

    /** Copies the canary into the primary and moves to {@code Promoting}. */
    static Decision promote(Tick t, String why) {
        t.act(new Action.Promote());
        t.toPhase(Phase.PROMOTING, why);
        return t.decide(why + "; copying the canary's revision to the primary");
    }

    /** {@code Promoting}: wait for the primary, then move traffic back to it. */
    static Step promoting(Tick t) {
        Step.Observe missing = t.need(Need.TARGET);
        if (missing != null) {
            return missing;
        }
        Readiness primary = t.target().primary();
        if (primary.state() == Readiness.State.FAILED) {
            return t.rollback("primary failed during promotion: " + primary.reason());
        }
        if (primary.state() == Readiness.State.WAITING) {
            if (t.waitPastDeadline()) {
                return t.rollback("primary not ready within progressDeadline " + t.spec.progressDeadline()
                        + " during promotion: " + primary.reason());
            }
            return t.decide("promoting: waiting " + t.waitedSeconds() + "s for the primary rollout: "
                    + primary.reason());
        }
        t.update(b -> b.waitingSince(null));
        int step = t.analysis.stepWeightPromotion();
        if (step == 0) {
            t.routeTo(Routes.PRIMARY_ONLY);
            t.toPhase(Phase.FINALISING, "all traffic back on the primary");
            return t.decide("primary ready: all traffic back on the primary");
        }
        missing = t.need(Need.ROUTES);
        if (missing != null) {
            return missing;
        }
        t.routesObserved(t.routes());
        int from = t.cur().canaryWeight();
        int to = Math.max(0, from - step);
        t.routeTo(Routes.canary(to));
        if (to == 0) {
            t.toPhase(Phase.FINALISING, "all traffic back on the primary");
        }
        return t.decide("primary ready: canary weight " + from + " -> " + to + " (stepWeightPromotion " + step + ")");
    }

    /** {@code Finalising}: scale the canary down; the run succeeded. */
    static Decision finalise(Tick t) {
        return succeed(t, "promotion complete");
    }

    /** Ends the run as promoted: canary down, {@code Succeeded}, post-rollout hooks. */
    static Decision succeed(Tick t, String why) {
        String revision = Objects.requireNonNullElse(t.cur().lastAppliedRevision(), "");
        t.act(new Action.ScaleCanaryDown());
        t.update(b -> b.lastPromotedRevision(revision).waitingSince(null));
        t.toPhase(Phase.SUCCEEDED, why);
        t.event(new Event.Promoted(t.spec.key(), t.now, revision));
        if (t.hasHooks(HookType.POST_ROLLOUT)) {
            t.act(new Action.RunHooks(HookType.POST_ROLLOUT));
        }
        return t.decide(why + ": promoted revision " + revision + ", canary scaled down");
    }
}
