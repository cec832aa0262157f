package dev.canary.engine;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;

/**
 * What a passing analysis tick does, per strategy: the weighted canary steps its weight up to the ceiling and
 * then promotes; blue/green counts iterations, then sends all traffic to the canary for a last analysis,
 * then promotes; A/B sends matching requests to the canary for its iterations, then promotes. Stateless.
 */
final class Strategies {
    private Strategies() {
    }

    static Step advance(Tick t, String evidence) {
        return switch (t.analysis.strategy()) {
            case CANARY -> canary(t, evidence);
            case BLUE_GREEN -> blueGreen(t, evidence);
            case AB_TESTING -> abTesting(t, evidence);
        };
    }

    private static Step canary(Tick t, String evidence) {
        int weight = t.cur().canaryWeight();
        int max = t.analysis.effectiveMaxWeight();
        if (t.cur().phase() == Phase.WAITING_PROMOTION || weight >= max) {
            String why = evidence + " at weight " + weight + " (max " + max + ")";
            Decision held = Sequential.holdBeforePromotion(t, why);
            if (held != null) {
                return held;
            }
            return Promotion.confirm(t, why, () -> Promotion.promote(t, why));
        }
        if (t.analysis.mirror() && weight == 0 && !t.cur().mirrored()) {
            t.routeTo(Routes.mirroredToCanary());
            return t.decide(evidence + "; mirroring traffic to the canary before shifting weight");
        }
        int next = nextWeight(t.analysis, weight);
        Step.Observe missing = t.needGate(HookType.CONFIRM_TRAFFIC_INCREASE);
        if (missing != null) {
            return missing;
        }
        GateResult gate = t.gate(HookType.CONFIRM_TRAFFIC_INCREASE);
        return switch (gate.answer()) {
            case WAIT -> {
                t.gateWaiting(HookType.CONFIRM_TRAFFIC_INCREASE, gate.detail());
                yield t.decide(evidence + "; holding at weight " + weight + ": waiting for "
                        + "confirm-traffic-increase approval to go to " + next + Evidence.detail(gate));
            }
            case DENY -> t.rollback("confirm-traffic-increase denied weight " + next + Evidence.detail(gate));
            case APPROVE -> {
                t.routeTo(Routes.canary(next));
                yield t.decide(evidence + "; canary weight " + weight + " -> " + next);
            }
        };
    }

    /**
     * The weight after {@code weight}: {@code stepWeight} more when set (it wins over {@code stepWeights}, as in
     * Flagger), else the first {@code stepWeights} entry above it; never above the effective max weight.
     */
    static int nextWeight(AnalysisSpec analysis, int weight) {
        int next;
        if (analysis.stepWeight() > 0) {
            next = weight + analysis.stepWeight();
        } else {
            next = analysis.stepWeights().stream().filter(w -> w > weight).findFirst().orElse(100);
        }
        return Math.min(next, analysis.effectiveMaxWeight());
    }

    private static Step blueGreen(Tick t, String evidence) {
        int done = t.cur().iterations();
        int total = t.analysis.iterations();
        if (done < total) {
            if (t.analysis.mirror() && !t.cur().mirrored()) {
                t.routeTo(Routes.mirroredToCanary());
            }
            t.update(b -> b.iterations(done + 1));
            return t.decide(evidence + "; iteration " + (done + 1) + "/" + total
                    + (t.cur().mirrored() ? " (mirrored)" : ""));
        }
        if (done == total) {
            String why = evidence + " after " + total + " iterations";
            Decision held = Sequential.holdBeforePromotion(t, why);
            if (held != null) {
                return held;
            }
            return Promotion.confirm(t, why, () -> {
                t.routeTo(Routes.canary(100));
                t.update(b -> b.iterations(done + 1));
                t.toPhase(Phase.PROGRESSING, "confirm-promotion approved");
                return t.decide(why + "; all traffic to the canary for a last analysis before promotion");
            });
        }
        return Promotion.promote(t, evidence + " with all traffic on the canary");
    }

    private static Step abTesting(Tick t, String evidence) {
        int done = t.cur().iterations();
        int total = t.analysis.iterations();
        if (done < total) {
            t.routeTo(Routes.canary(100));
            t.update(b -> b.iterations(done + 1));
            return t.decide(evidence + "; iteration " + (done + 1) + "/" + total
                    + " with matching requests on the canary");
        }
        String why = evidence + " after " + total + " iterations";
        Decision held = Sequential.holdBeforePromotion(t, why);
        if (held != null) {
            return held;
        }
        return Promotion.confirm(t, why, () -> Promotion.promote(t, why));
    }
}
