package dev.canary.report;

import dev.canary.CanaryEvent;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.Phase;
import dev.canary.RunStatus;
import dev.canary.spec.Verdict;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.ThresholdRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders one report page; used once. Not thread-safe. */
final class ReportPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final RunStatus status;
    private final List<CanaryEvent> events;
    private final List<DecisionRecord> records;
    private final Instant from;
    private final Instant to;
    private final StringBuilder out = new StringBuilder(32_768);

    ReportPage(RunStatus status, List<CanaryEvent> events) {
        this.status = status;
        this.events = List.copyOf(events);
        this.records = status.history();
        this.from = records.isEmpty() ? status.at() : records.get(0).at();
        Instant last = records.isEmpty() ? status.at() : records.get(records.size() - 1).at();
        this.to = status.at().isAfter(last) ? status.at() : last;
    }

    String render() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>canary ").append(Html.escape(status.canary())).append(": ")
                .append(outcome()).append("</title><style>").append(Style.CSS).append("</style></head><body>\n");
        header();
        weights();
        checks();
        failures();
        decisions();
        out.append("<footer>Report of ").append(Html.escape(status.canary())).append(" as of ")
                .append(TIME.format(status.at())).append(".</footer>\n</body></html>\n");
        return out.toString();
    }

    private String outcome() {
        if (status.phase().isTerminal() && status.rollbackPending() == null) {
            return status.phase().displayName();
        }
        return "running (" + status.phase().displayName() + ")";
    }

    private void header() {
        String css = status.phase() == Phase.SUCCEEDED ? "succeeded" : status.phase() == Phase.FAILED ? "failed"
                : "running";
        out.append("<header><h1>").append(Html.escape(status.canary())).append("</h1><p id=\"outcome\" class=\"")
                .append(css).append("\">").append(Html.escape(outcome())).append("</p>");
        if (!records.isEmpty()) {
            out.append("<p id=\"verdict\">").append(Html.escape(records.get(records.size() - 1).summary()))
                    .append("</p>");
        }
        if (status.rollbackPending() != null) {
            out.append("<p class=\"failed\">Rollback decided, not yet confirmed by the router: ")
                    .append(Html.escape(status.rollbackPending())).append("</p>");
        }
        out.append("<dl><dt>Started</dt><dd>").append(TIME.format(from)).append("</dd><dt>Last decision</dt><dd>")
                .append(TIME.format(to)).append(" (").append(duration(Duration.between(from, to)))
                .append(")</dd><dt>Ticks</dt><dd>").append(records.size()).append("</dd><dt>Canary weight</dt><dd>")
                .append(status.canaryWeight()).append('%').append(status.mirrored() ? " (mirrored)" : "")
                .append("</dd><dt>Failed checks</dt><dd>").append(status.failedChecks()).append(" of ")
                .append(status.threshold()).append(" allowed</dd></dl></header>\n");
    }

    private void weights() {
        Chart chart = new Chart(from, to, 0, 100, "canary weight over time");
        gateWaits().forEach(w -> chart.band(w.start(), w.end(), "gate", "gate wait: " + w.summary()));
        List<Chart.Point> points = new ArrayList<>();
        int failed = 0;
        for (DecisionRecord r : records) {
            points.add(new Chart.Point(r.at(), (double) r.canaryWeight(), r.failedChecks() > failed));
            failed = r.failedChecks();
        }
        out.append("<section id=\"weight\"><h2>Canary weight</h2><p class=\"legend\">Percent of traffic on the "
                + "canary after each decision; red dots: a failed check in that tick; amber: waiting for a gate."
                + "</p>").append(chart.series(points, "weight").svg()).append("</section>\n");
    }

    private void checks() {
        Map<String, List<CheckEvaluation>> byName = new LinkedHashMap<>();
        Map<String, List<Instant>> times = new LinkedHashMap<>();
        for (DecisionRecord r : records) {
            for (CheckEvaluation c : r.checks()) {
                byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
                times.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(r.at());
            }
        }
        out.append("<section id=\"checks\"><h2>Checks</h2>");
        if (byName.isEmpty()) {
            out.append("<p>No check was evaluated.</p>");
        }
        byName.forEach((name, evaluations) -> check(name, evaluations, times.getOrDefault(name, List.of())));
        out.append("</section>\n");
    }

    private void check(String name, List<CheckEvaluation> evaluations, List<Instant> at) {
        ThresholdRange range = evaluations.get(evaluations.size() - 1).range();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        List<Chart.Point> points = new ArrayList<>();
        for (int i = 0; i < evaluations.size(); i++) {
            CheckEvaluation c = evaluations.get(i);
            points.add(new Chart.Point(at.get(i), c.value(), c.verdict() == Verdict.FAIL));
            if (c.value() != null && !c.value().isNaN()) {
                low = Math.min(low, c.value());
                high = Math.max(high, c.value());
            }
        }
        for (Double bound : new Double[] {range.min(), range.max()}) {
            if (bound != null) {
                low = Math.min(low, bound);
                high = Math.max(high, bound);
            }
        }
        if (low > high) {
            low = 0;
            high = 1;
        }
        double pad = Math.max((high - low) * 0.1, Math.abs(high) * 0.01 + 1e-9);
        Chart chart = new Chart(from, to, low - pad, high + pad, "check " + name);
        if (range.min() != null) {
            chart.bound(range.min(), "min " + Html.number(range.min()));
        }
        if (range.max() != null) {
            chart.bound(range.max(), "max " + Html.number(range.max()));
        }
        long failed = evaluations.stream().filter(c -> c.verdict() == Verdict.FAIL).count();
        long inconclusive = evaluations.stream().filter(c -> c.verdict() == Verdict.INCONCLUSIVE).count();
        out.append("<article class=\"check\" data-check=\"").append(Html.escape(name)).append("\"><h3>")
                .append(Html.escape(name)).append("</h3><p class=\"legend\">bounds ").append(Html.escape(range.toString()))
                .append("; ").append(evaluations.size()).append(" evaluations, ").append(failed).append(" failed, ")
                .append(inconclusive).append(" inconclusive; last: ")
                .append(Html.escape(evaluations.get(evaluations.size() - 1).detail())).append("</p>")
                .append(chart.series(points, "value").svg()).append("</article>");
    }

    private void failures() {
        out.append("<section id=\"failures\"><h2>Failed checks and gate waits</h2><ul>");
        int failed = 0;
        int items = 0;
        for (DecisionRecord r : records) {
            if (r.failedChecks() > failed) {
                item("failed", r.at(), "tick " + r.tick() + ": " + r.summary());
                items++;
            }
            failed = r.failedChecks();
        }
        for (GateWait w : gateWaits()) {
            item("gate", w.start(), "gate wait until " + CLOCK.format(w.end()) + ": " + w.summary());
            items++;
        }
        for (CanaryEvent e : events) {
            if (notable(e) && !(e instanceof CanaryEvent.GateWaiting)) {
                item(e.severity().name().toLowerCase(Locale.ROOT), e.at(), e.message());
                items++;
            }
        }
        if (items == 0) {
            out.append("<li>None: no check failed and no gate held the run.</li>");
        }
        out.append("</ul></section>\n");
    }

    /** Events the report lists: warnings, errors, the end of a run; checks and gate waits are shown apart. */
    static boolean notable(CanaryEvent e) {
        return e instanceof CanaryEvent.GateWaiting || e instanceof CanaryEvent.RolledBack
                || e instanceof CanaryEvent.Promoted
                || e.severity() != dev.canary.spec.Severity.INFO && !(e instanceof CanaryEvent.CheckEvaluated);
    }

    private void item(String css, Instant at, String text) {
        out.append("<li class=\"").append(css).append("\"><time>").append(CLOCK.format(at)).append("</time> ")
                .append(Html.escape(text)).append("</li>");
    }

    private void decisions() {
        out.append("<section id=\"decisions\"><h2>Decisions</h2><table><thead><tr><th>Tick</th><th>Time</th>")
                .append("<th>Phase</th><th>Weight</th><th>Failed</th><th>Decision and evidence</th></tr></thead>")
                .append("<tbody>");
        for (DecisionRecord r : records) {
            out.append("<tr><td>").append(r.tick()).append("</td><td>").append(CLOCK.format(r.at()))
                    .append("</td><td>").append(r.phase().displayName()).append("</td><td>").append(r.canaryWeight())
                    .append("</td><td>").append(r.failedChecks()).append("</td><td>").append(Html.escape(r.summary()));
            if (!r.checks().isEmpty()) {
                out.append("<ul class=\"evidence\">");
                for (CheckEvaluation c : r.checks()) {
                    out.append("<li class=\"").append(c.verdict().name().toLowerCase(Locale.ROOT)).append("\">")
                            .append(Html.escape(c.name())).append(' ').append(c.verdict()).append(": ")
                            .append(Html.escape(c.detail()));
                    if (c.samples() >= 0) {
                        out.append(" (").append(c.samples()).append(" requests)");
                    }
                    if (!c.source().isEmpty()) {
                        out.append("<code>").append(Html.escape(c.source())).append("</code>");
                    }
                    out.append("</li>");
                }
                out.append("</ul>");
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    /** A span of ticks held by a gate. */
    private record GateWait(Instant start, Instant end, String summary) {
    }

    /** Decisions that waited for an approval, merged into spans; each lasts until the next decision. */
    private List<GateWait> gateWaits() {
        List<GateWait> waits = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            DecisionRecord r = records.get(i);
            if (!waitsForGate(r)) {
                continue;
            }
            Instant end = i + 1 < records.size() ? records.get(i + 1).at() : status.at();
            if (!waits.isEmpty() && waits.get(waits.size() - 1).end().equals(r.at())) {
                GateWait previous = waits.remove(waits.size() - 1);
                waits.add(new GateWait(previous.start(), end, previous.summary()));
            } else {
                waits.add(new GateWait(r.at(), end, r.summary()));
            }
        }
        return waits;
    }

    private boolean waitsForGate(DecisionRecord r) {
        return r.summary().contains("approval") || events.stream().anyMatch(e -> e instanceof CanaryEvent.GateWaiting
                && e.at().equals(r.at()));
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s")
                : (s / 3600) + "h" + ((s % 3600) / 60) + "m";
    }
}
