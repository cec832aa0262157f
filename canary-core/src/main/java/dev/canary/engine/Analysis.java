package dev.canary.engine;

import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.RollbackTiming;
import dev.canary.spec.Routes;
import dev.canary.spec.Severity;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The analysis of a tick: the first analysis tick runs only the pre-rollout hooks; later ticks run the rollout
 * hooks and judge every metric check. A failure adds one failed check (at most one per tick); anything
 * inconclusive holds; a pass hands over to the strategy. Stateless.
 */
final class Analysis {
    private Analysis() {
    }

    static Step analyse(Tick t) {
        Step.Observe missing = t.need(Need.ROUTES);
        if (missing != null) {
            return missing;
        }
        Routes routes = t.routes();
        t.routesObserved(routes);
        boolean first = routes.canary() == 0 && t.cur().iterations() == 0
                && !(t.analysis.mirror() && routes.mirrored());
        return first ? firstTick(t) : analysisTick(t);
    }

    private static Step firstTick(Tick t) {
        Step.Observe missing = t.needGate(HookType.PRE_ROLLOUT);
        if (missing != null) {
            return missing;
        }
        GateResult gate = t.gate(HookType.PRE_ROLLOUT);
        t.note(Severity.INFO, "Starting canary analysis");
        return switch (gate.answer()) {
            case APPROVE -> {
                if (Sequential.any(t.analysis)) {
                    t.update(b -> b.sequential(SequentialState.start(t.now)));
                }
                yield Strategies.advance(t, t.hasHooks(HookType.PRE_ROLLOUT)
                        ? "pre-rollout hooks passed" : "starting the analysis");
            }
            case WAIT -> t.decide("pre-rollout hooks inconclusive, holding at weight 0" + Evidence.detail(gate));
            case DENY -> {
                t.note(Severity.WARN, "pre-rollout webhook failed" + Evidence.detail(gate));
                yield failed(t, "pre-rollout hooks failed" + Evidence.detail(gate));
            }
        };
    }

    private static Step analysisTick(Tick t) {
        Step.Observe missing = t.needGate(HookType.ROLLOUT);
        if (missing != null) {
            return missing;
        }
        List<MetricCheck> valueChecks = t.analysis.metrics().stream().filter(c -> !c.isSequential()).toList();
        boolean sequential = Sequential.any(t.analysis);
        List<Need> needs = new ArrayList<>();
        if (!valueChecks.isEmpty()) {
            needs.add(Need.METRICS);
        }
        if (sequential) {
            needs.add(Need.COUNTS);
        }
        missing = t.need(needs.toArray(Need[]::new));
        if (missing != null) {
            return missing;
        }
        GateResult rollout = t.gate(HookType.ROLLOUT);
        if (rollout.answer() == GateAnswer.DENY) {
            t.note(Severity.WARN, "rollout webhook failed" + Evidence.detail(rollout));
        }
        List<CheckEvaluation> evaluations = new ArrayList<>(valueChecks.isEmpty() ? List.of()
                : Checks.evaluate(valueChecks, Objects.requireNonNull(t.obs.metrics())));
        Sequential.Judged judged = sequential ? Sequential.judge(t) : null;
        if (judged != null) {
            t.evaluated(judged.evaluations());
        }
        t.evaluated(evaluations);
        if (judged != null && !judged.harm().isEmpty()) {
            return t.rollback("sequential checks showed harm: " + Evidence.describe(judged.harm()));
        }
        if (judged != null) {
            evaluations.addAll(judged.verdicts());
        }
        String hooks = switch (rollout.answer()) {
            case APPROVE -> "";
            case WAIT -> "rollout hooks inconclusive" + Evidence.detail(rollout);
            case DENY -> "rollout hooks failed" + Evidence.detail(rollout);
        };
        Verdict verdict = combine(rollout.answer(), Checks.combine(evaluations));
        String evidence = describe(hooks, evaluations);
        if (judged != null) {
            String findings = "sequential " + Evidence.findings(judged.evaluations());
            evidence = evaluations.isEmpty() && hooks.isEmpty() ? findings : evidence + "; " + findings;
        }
        return switch (verdict) {
            case FAIL -> failed(t, evidence);
            case INCONCLUSIVE -> t.decide("inconclusive, holding at weight " + t.cur().canaryWeight()
                    + ", nothing counted: " + evidence);
            default -> judged != null && !judged.leaning().isEmpty()
                    ? t.decide("holding at weight " + t.cur().canaryWeight() + ": sequential checks "
                            + String.join(", ", judged.leaning()) + " lean toward harm: " + evidence)
                    : Strategies.advance(t, evidence);
        };
    }

    private static Verdict combine(GateAnswer hooks, Verdict checks) {
        if (hooks == GateAnswer.DENY || checks == Verdict.FAIL) {
            return Verdict.FAIL;
        }
        return hooks == GateAnswer.WAIT || checks == Verdict.INCONCLUSIVE ? Verdict.INCONCLUSIVE : Verdict.PASS;
    }

    private static String describe(String hooks, List<CheckEvaluation> evaluations) {
        String checks = Evidence.verdicts(evaluations);
        return hooks.isEmpty() ? checks : hooks + "; " + checks;
    }

    /** Counts one failed check; with {@code SAME_TICK} timing, reaching the threshold rolls back now. */
    private static Decision failed(Tick t, String evidence) {
        int failed = t.cur().failedChecks() + 1;
        int threshold = t.analysis.threshold();
        t.update(b -> b.failedChecks(failed));
        if (failed >= threshold && t.analysis.rollbackTiming() == RollbackTiming.SAME_TICK) {
            return t.rollback("failed checks threshold reached " + failed + "/" + threshold + " (" + evidence + ")");
        }
        return t.decide("failed check " + failed + "/" + threshold + ", holding at weight "
                + t.cur().canaryWeight() + ": " + evidence);
    }
}
