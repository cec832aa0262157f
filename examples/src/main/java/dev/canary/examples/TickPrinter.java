package dev.canary.examples;

import dev.canary.CanaryEvent;
import dev.canary.CanaryListener;
import dev.canary.RunStatus;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.Severity;
import dev.canary.spec.Verdict;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints a run live, one line per tick like {@code kubectl get canaries -w}: time, phase, canary weight, failed
 * checks, the canary's success rate and p99 latency (from each {@link CanaryEvent.Ticked}'s status); warning notes
 * (such as "rolling back: ..." or a failed tick), waiting gates and the reason of each new failed check (the tick's
 * decision) as indented lines. Remembers the weight of every tick. Thread-safe.
 */
public final class TickPrinter implements CanaryListener {
    static final String FORMAT = "%-8s  %-16s  %6s  %6s  %8s  %9s%n";
    static final String NOTE = "          ! ";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final PrintStream out;
    private final ZoneId zone;
    private final List<Integer> weights = new ArrayList<>();
    private int failedChecks;

    /** Prints to {@code out}, times in {@code zone}. */
    public TickPrinter(PrintStream out, ZoneId zone) {
        this.out = Objects.requireNonNull(out, "out == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
    }

    /** Prints the column titles. */
    public void printHeader() {
        out.printf(Locale.ROOT, FORMAT, "TIME", "PHASE", "WEIGHT", "FAILED", "SUCCESS", "P99");
    }

    @Override
    public void onEvent(CanaryEvent event) {
        if (event instanceof CanaryEvent.Ticked ticked) {
            print(ticked.status());
        } else if (event instanceof CanaryEvent.GateWaiting || event instanceof CanaryEvent.Note
                && (event.severity() == Severity.WARN || event.severity() == Severity.ERROR)) {
            out.println(NOTE + event.message());
        }
    }

    private void print(RunStatus status) {
        boolean newFailure;
        synchronized (weights) {
            weights.add(status.canaryWeight());
            newFailure = status.failedChecks() > failedChecks;
            failedChecks = status.failedChecks();
        }
        out.printf(Locale.ROOT, FORMAT, TIME.format(status.at().atZone(zone)), status.phase().displayName(),
                status.canaryWeight() + (status.mirrored() ? "m" : ""),
                status.failedChecks() + "/" + status.threshold(),
                value(status, MetricCheck.REQUEST_SUCCESS_RATE, "%.2f%%"),
                value(status, MetricCheck.REQUEST_DURATION, "%.1fms"));
        if (newFailure && status.rollbackPending() == null && !status.history().isEmpty()) {
            out.println(NOTE + failure(status, status.history().get(status.history().size() - 1)));
        }
    }

    /** Why the tick of {@code decision} failed: its failed checks, or else its summary (a failed hook, say). */
    private static String failure(RunStatus status, DecisionRecord decision) {
        List<String> failed = decision.checks().stream().filter(c -> c.verdict() == Verdict.FAIL)
                .map(c -> c.name() + " " + c.detail() + (c.value() != null && c.samples() >= 0
                        ? " (" + c.samples() + " requests)" : "")).toList();
        return failed.isEmpty() ? decision.summary()
                : "failed check " + status.failedChecks() + "/" + status.threshold() + ": " + String.join("; ", failed);
    }

    private static String value(RunStatus status, String check, String format) {
        CheckEvaluation evaluation = status.checks().get(check);
        if (evaluation == null || evaluation.value() == null) {
            return "-";
        }
        return String.format(Locale.ROOT, format, evaluation.value());
    }

    /** The canary weight after every tick printed so far, in order. */
    public List<Integer> weights() {
        synchronized (weights) {
            return List.copyOf(weights);
        }
    }
}
