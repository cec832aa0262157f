package dev.canary.cli;

import dev.canary.CanaryEvent;
import dev.canary.spec.CheckEvaluation;
import dev.canary.RunStatus;
import dev.canary.spec.Verdict;
import dev.canary.spec.Severity;
import dev.canary.CanaryListener;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints a run as {@code kubectl get canaries -w} does, one row per tick: time, phase, canary weight, failed
 * checks and each check's latest value ({@code !} after a failing value, {@code ?} after an inconclusive one,
 * {@code -} when there is none). Warnings and gate waits are printed as indented lines between the rows.
 * Thread-safe (rows are printed whole).
 */
final class LiveTable implements CanaryListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final String NOTE = "          ! ";

    private final PrintStream out;
    private final ZoneId zone;
    private final List<String> checks;
    private final String format;

    /** A table whose check columns are {@code checks}, in that order. */
    LiveTable(PrintStream out, ZoneId zone, List<String> checks) {
        this.out = Objects.requireNonNull(out, "out == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
        this.checks = List.copyOf(checks);
        StringBuilder f = new StringBuilder("%-8s  %-16s  %6s  %6s");
        for (String check : this.checks) {
            f.append("  %").append(Math.max(10, check.length())).append('s');
        }
        this.format = f.append("%n").toString();
    }

    /** Prints the column titles. */
    synchronized void printHeader() {
        Object[] titles = new Object[4 + checks.size()];
        titles[0] = "TIME";
        titles[1] = "PHASE";
        titles[2] = "WEIGHT";
        titles[3] = "FAILED";
        for (int i = 0; i < checks.size(); i++) {
            titles[4 + i] = checks.get(i).toUpperCase(Locale.ROOT);
        }
        out.printf(Locale.ROOT, format, titles);
    }

    @Override
    public synchronized void onEvent(CanaryEvent event) {
        if (event instanceof CanaryEvent.Ticked ticked) {
            out.printf(Locale.ROOT, format, row(ticked.status()));
        } else if (event instanceof CanaryEvent.GateWaiting || event instanceof CanaryEvent.RolledBack
                || event.severity() == Severity.WARN || event.severity() == Severity.ERROR) {
            if (!(event instanceof CanaryEvent.CheckEvaluated)) {
                out.println(NOTE + event.message());
            }
        }
    }

    private Object[] row(RunStatus status) {
        Object[] cells = new Object[4 + checks.size()];
        cells[0] = TIME.format(status.at().atZone(zone));
        cells[1] = status.phase().displayName();
        cells[2] = status.canaryWeight() + (status.mirrored() ? "m" : "");
        cells[3] = status.failedChecks() + "/" + status.threshold();
        for (int i = 0; i < checks.size(); i++) {
            cells[4 + i] = value(status.checks().get(checks.get(i)));
        }
        return cells;
    }

    /** {@code 99.52}, {@code 97.1!} (failed), {@code 3?} (inconclusive), {@code -} (none yet). */
    static String value(CheckEvaluation evaluation) {
        if (evaluation == null) {
            return "-";
        }
        String mark = evaluation.verdict() == Verdict.FAIL ? "!" : evaluation.verdict() == Verdict.INCONCLUSIVE ? "?" : "";
        if (evaluation.value() == null || evaluation.value().isNaN()) {
            return "-" + mark;
        }
        double v = evaluation.value();
        String number = v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
        return number + mark;
    }
}
