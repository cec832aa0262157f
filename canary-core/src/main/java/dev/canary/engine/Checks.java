package dev.canary.engine;

import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.Verdict;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Judges metric results against their checks. Every check is judged (none is skipped after a failure); a
 * finite value is judged against its inclusive {@code thresholdRange}; a value that is not finite (NaN, +Inf,
 * -Inf) is never a pass: like "no data" and too few samples it counts per the check's {@code onNoData}; a
 * provider error counts per its {@code onError}. Stateless.
 */
final class Checks {
    private Checks() {
    }

    /** Judges every check of {@code metrics} in spec order; a check without a result counts as an error. */
    static List<CheckEvaluation> evaluate(List<MetricCheck> metrics, Map<String, MetricResult> results) {
        return metrics.stream().map(m -> evaluate(m, results.get(m.name()))).toList();
    }

    static CheckEvaluation evaluate(MetricCheck check, @Nullable MetricResult result) {
        if (result == null) {
            return policy(check, check.onError(), null, -1, "no result: the metrics provider did not answer "
                    + "for this check", "onError", "");
        }
        if (result instanceof MetricResult.NoData noData) {
            return policy(check, check.onNoData(), null, -1, "no data: " + noData.reason(), "onNoData",
                    noData.source());
        }
        if (result instanceof MetricResult.Failed failed) {
            return policy(check, check.onError(), null, -1, "error: " + failed.message(), "onError",
                    failed.source());
        }
        if (result instanceof MetricResult.Counts counts) {
            return policy(check, check.onError(), null, -1, "error: the provider answered counts, not a value",
                    "onError", counts.source());
        }
        MetricResult.Value v = (MetricResult.Value) result;
        return value(check, v);
    }

    private static CheckEvaluation value(MetricCheck check, MetricResult.Value v) {
        ThresholdRange range = check.thresholdRange();
        if (!Double.isFinite(v.value())) {
            return policy(check, check.onNoData(), null, v.samples(), "no data: the value is "
                    + nonFinite(v.value()), "onNoData", v.source());
        }
        double stored = v.value();
        String shown = Evidence.number(stored);
        if (check.minSamples() > 0 && v.samples() < check.minSamples()) {
            String why = v.samples() < 0
                    ? "the provider did not report a sample count"
                    : v.samples() + " samples";
            return policy(check, check.onNoData(), stored, v.samples(), "too few samples: " + why
                    + ", minSamples is " + check.minSamples() + " (value " + shown + ")", "onNoData", v.source());
        }
        boolean within = range.contains(v.value());
        return new CheckEvaluation(check.name(), within ? Verdict.PASS : Verdict.FAIL, stored, range, v.samples(),
                shown + (within ? " within " : " outside ") + range, v.source());
    }

    private static String nonFinite(double value) {
        return Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
    }

    private static CheckEvaluation policy(MetricCheck check, OutcomePolicy policy, @Nullable Double value,
            long samples, String detail, String setting, String source) {
        Verdict verdict = policy == OutcomePolicy.FAIL ? Verdict.FAIL : Verdict.INCONCLUSIVE;
        String counted = policy == OutcomePolicy.FAIL
                ? " (counts as a failure, " + setting + " FAIL)"
                : " (inconclusive, " + setting + " WAIT)";
        return new CheckEvaluation(check.name(), verdict, value, check.thresholdRange(), samples, detail + counted,
                source);
    }

    /** The combined verdict: any failure fails, else anything inconclusive is inconclusive, else pass. */
    static Verdict combine(List<CheckEvaluation> evaluations) {
        if (evaluations.stream().anyMatch(e -> e.verdict() == Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        if (evaluations.stream().anyMatch(e -> e.verdict() == Verdict.INCONCLUSIVE)) {
            return Verdict.INCONCLUSIVE;
        }
        return Verdict.PASS;
    }
}
