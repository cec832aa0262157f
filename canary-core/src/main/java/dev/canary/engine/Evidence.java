package dev.canary.engine;

import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.GateResult;
import dev.canary.spec.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Formats evidence for decision summaries. Stateless. */
final class Evidence {
    private Evidence() {
    }

    /** One clause per check: {@code name VERDICT: detail}. */
    static String describe(List<CheckEvaluation> checks) {
        return checks.stream()
                .map(c -> c.name() + " " + c.verdict() + ": " + c.detail())
                .collect(Collectors.joining("; "));
    }

    /** The names of the checks with {@code verdict}, such as {@code request-success-rate, request-duration}. */
    static String names(List<CheckEvaluation> checks, Verdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).map(CheckEvaluation::name)
                .collect(Collectors.joining(", "));
    }

    /** The outcome of a tick's checks: {@code all 2 checks passed}, {@code failed: a, b; inconclusive: c}. */
    static String verdicts(List<CheckEvaluation> checks) {
        if (checks.isEmpty()) {
            return "no metric checks";
        }
        String failed = names(checks, Verdict.FAIL);
        String inconclusive = names(checks, Verdict.INCONCLUSIVE);
        if (failed.isEmpty() && inconclusive.isEmpty()) {
            return "all " + checks.size() + " checks passed";
        }
        String f = failed.isEmpty() ? "" : "failed: " + failed;
        String i = inconclusive.isEmpty() ? "" : "inconclusive: " + inconclusive;
        return f.isEmpty() ? i : i.isEmpty() ? f : f + "; " + i;
    }

    /** Sequential checks by what they have shown: {@code no harm: a; undecided: b}. */
    static String findings(List<CheckEvaluation> checks) {
        String clear = names(checks, Verdict.PASS);
        String open = names(checks, Verdict.INCONCLUSIVE);
        String failed = names(checks, Verdict.FAIL);
        List<String> parts = new java.util.ArrayList<>();
        if (!clear.isEmpty()) {
            parts.add("no harm shown: " + clear);
        }
        if (!open.isEmpty()) {
            parts.add("undecided: " + open);
        }
        if (!failed.isEmpty()) {
            parts.add("failed: " + failed);
        }
        return String.join("; ", parts);
    }

    /** What a gate said, as {@code ": <detail>"}, or nothing when it said nothing. */
    static String detail(GateResult gate) {
        return gate.detail().isEmpty() ? "" : ": " + gate.detail();
    }

    /** A number without noise: {@code 99.5}, {@code 100}, {@code 0.123}. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+$", "");
    }
}
