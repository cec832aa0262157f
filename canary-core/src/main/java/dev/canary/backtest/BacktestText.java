package dev.canary.backtest;

import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.Routes;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Plain-text rendering of backtests for terminals and logs: a release's timeline (one line per tick like
 * {@code kubectl get canaries -w}: time, phase, weight, the router's recorded weight, failed checks, each check's
 * value and verdict, then the decision), a report's summary, and two reports side by side. Times are UTC.
 * Stateless.
 */
public final class BacktestText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String HEAD = "%-8s  %-17s %6s %6s %7s";
    private static final String CHECK = "  %-22s";

    private BacktestText() {
    }

    /** Every release's timeline, then the summary. */
    public static String report(BacktestReport report) {
        StringBuilder out = new StringBuilder();
        report.releases().forEach(r -> out.append(timeline(r)).append('\n'));
        return out.append(summary(report)).toString();
    }

    /** One release: a title, the column titles, one line per tick with its decision below, and the verdict. */
    public static String timeline(ReleaseResult result) {
        StringBuilder out = new StringBuilder();
        out.append("release ").append(result.release().name()).append(" from ").append(result.release().start())
                .append(" (weights: ").append(describe(result.weights())).append(")\n");
        Map<String, String> checks = checks(result);
        if (!checks.isEmpty()) {
            out.append("checks: ").append(checks.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        line(out, String.format(Locale.ROOT, HEAD, "TIME", "PHASE", "WEIGHT", "ROUTER", "FAILED")
                + checks.keySet().stream().map(c -> String.format(Locale.ROOT, CHECK, c))
                        .collect(Collectors.joining()));
        for (ReplayTick tick : result.ticks()) {
            DecisionRecord d = tick.decision();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, HEAD, TIME.format(d.at()),
                    d.phase().displayName(), d.canaryWeight(), weight(tick.recorded()),
                    d.failedChecks() + "/" + result.threshold()));
            for (String name : checks.keySet()) {
                row.append(String.format(Locale.ROOT, CHECK, d.checks().stream().filter(c -> c.name().equals(name))
                        .findFirst().map(BacktestText::value).orElse("-")));
            }
            line(out, row.toString());
            out.append("          ").append(decision(d)).append('\n');
        }
        return out.append("=> ").append(verdict(result)).append('\n').toString();
    }

    /** The verdict in one line: outcome, when, after how long, and the checks that decided a rollback. */
    public static String verdict(ReleaseResult result) {
        Instant decided = result.decidedAt();
        if (decided == null) {
            return "UNDECIDED: " + result.reason();
        }
        String after = " at " + TIME.format(decided) + " (" + seconds(Duration.between(result.release().start(),
                decided)) + " after the start)";
        if (result.outcome() == Outcome.ROLLED_BACK) {
            String by = result.failures().isEmpty() ? "" : ", decided by " + result.failures().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + " failed tick" + (e.getValue() == 1 ? "" : "s") + ")")
                    .collect(Collectors.joining(", "));
            return "ROLLED BACK" + after + by;
        }
        return "PROMOTED" + after;
    }

    /** The summary of a report: counts, rollback rate, and which checks decided the rollbacks. */
    public static String summary(BacktestReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s on %d releases (weights: %s): %d promoted, %d rolled back "
                + "(%.0f%%), %d undecided%n", report.spec(), report.releases().size(), describe(report.weights()),
                report.count(Outcome.PROMOTED), report.count(Outcome.ROLLED_BACK), 100 * report.rollbackRate(),
                report.count(Outcome.UNDECIDED)));
        Map<String, Long> deciding = report.decidingChecks();
        if (!deciding.isEmpty()) {
            out.append("  rollbacks decided by: ").append(deciding.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        }
        for (ReleaseResult r : report.releases()) {
            out.append(String.format(Locale.ROOT, "  %-24s %s%n", r.release().name(), verdict(r)));
        }
        return out.toString();
    }

    /** Two reports over the same releases, one line per release, differences marked with {@code *}. */
    public static String comparison(Comparison comparison, String firstLabel, String secondLabel) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "RELEASE", firstLabel, secondLabel});
        Set<Integer> differ = new LinkedHashSet<>(comparison.differences());
        for (int i = 0; i < comparison.first().releases().size(); i++) {
            ReleaseResult a = comparison.first().releases().get(i);
            ReleaseResult b = comparison.second().releases().get(i);
            rows.add(new String[] {differ.contains(i) ? "*" : "", a.release().name(), brief(a), brief(b)});
        }
        rows.add(new String[] {"", "rolled back", rate(comparison.first()), rate(comparison.second())});
        int[] width = new int[4];
        rows.forEach(r -> IntStream.range(0, 4).forEach(c -> width[c] = Math.max(width[c], r[c].length())));
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            line(out, IntStream.range(0, 4).mapToObj(c -> pad(r[c], width[c])).collect(Collectors.joining("  ")));
        }
        return out.append(differ.size()).append(" of ").append(comparison.first().releases().size())
                .append(" releases decided differently\n").toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String brief(ReleaseResult r) {
        Instant decided = r.decidedAt();
        if (decided == null) {
            return "undecided";
        }
        String when = " after " + seconds(Duration.between(r.release().start(), decided));
        String by = r.outcome() == Outcome.ROLLED_BACK && !r.failures().isEmpty()
                ? " (" + String.join(", ", r.failures().keySet()) + ")" : "";
        return (r.outcome() == Outcome.ROLLED_BACK ? "rolled back" : "promoted") + when + by;
    }

    private static String rate(BacktestReport report) {
        return String.format(Locale.ROOT, "%d of %d (%.0f%%)", report.count(Outcome.ROLLED_BACK),
                report.releases().size(), 100 * report.rollbackRate());
    }

    /** The checks evaluated in the release, in order, with their bounds such as {@code >= 99}. */
    private static Map<String, String> checks(ReleaseResult result) {
        Map<String, String> checks = new LinkedHashMap<>();
        result.ticks().forEach(t -> t.decision().checks().forEach(c -> checks.putIfAbsent(c.name(),
                bounds(c.range()))));
        return checks;
    }

    private static String bounds(ThresholdRange range) {
        Double min = range.min();
        Double max = range.max();
        if (min != null && max != null) {
            return number(min) + ".." + number(max);
        }
        return min != null ? ">= " + number(min) : max != null ? "<= " + number(max) : "(unbounded)";
    }

    private static void line(StringBuilder out, String text) {
        out.append(text.stripTrailing()).append('\n');
    }

    private static String value(CheckEvaluation c) {
        String verdict = c.verdict() == Verdict.PASS ? "ok" : c.verdict().name();
        if (c.value() != null) {
            return number(c.value()) + " " + verdict;
        }
        return (c.detail().startsWith("no data") ? "no data " : c.detail().startsWith("error") ? "error " : "")
                + verdict;
    }

    /** The decision's summary without the per-check evidence the columns already show. */
    private static String decision(DecisionRecord d) {
        String summary = d.summary();
        if (!d.checks().isEmpty()) {
            int at = summary.indexOf(" [" + d.checks().get(0).name() + " ");
            if (at > 0) {
                summary = summary.substring(0, at);
            }
        }
        return summary;
    }

    private static String weight(@Nullable Routes routes) {
        return routes == null ? "-" : Integer.toString(routes.canary());
    }

    private static String describe(Weights weights) {
        return weights == Weights.SPEC ? "as the spec would have set them" : "as the router had them";
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
