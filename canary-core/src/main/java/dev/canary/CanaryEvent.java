package dev.canary;

import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import dev.canary.spec.Verdict;
import java.time.Instant;

/**
 * Something that happened in a run, delivered to {@link dev.canary.CanaryListener}s. Every event names
 * its canary ({@code namespace/name}), its time, a severity and a one-line message; the record types carry
 * the details.
 */
public sealed interface CanaryEvent {
    String canary();

    Instant at();

    Severity severity();

    String message();

    /** The run moved from one phase to another. */
    record PhaseChanged(String canary, Instant at, Phase from, Phase to, String reason) implements CanaryEvent {
        @Override
        public Severity severity() {
            return to == Phase.FAILED ? Severity.ERROR : Severity.INFO;
        }

        @Override
        public String message() {
            return from.displayName() + " -> " + to.displayName() + ": " + reason;
        }
    }

    /** The canary weight was changed on the router. */
    record WeightChanged(String canary, Instant at, int from, int to, boolean mirrored) implements CanaryEvent {
        @Override
        public Severity severity() {
            return Severity.INFO;
        }

        @Override
        public String message() {
            return "canary weight " + from + " -> " + to + (mirrored ? " (mirrored)" : "");
        }
    }

    /** A check was evaluated. */
    record CheckEvaluated(String canary, Instant at, CheckEvaluation evaluation) implements CanaryEvent {
        @Override
        public Severity severity() {
            return evaluation.verdict() == Verdict.FAIL ? Severity.WARN : Severity.INFO;
        }

        @Override
        public String message() {
            return "check " + evaluation.name() + " " + evaluation.verdict() + ": " + evaluation.detail();
        }
    }

    /** A gate holds the run back. */
    record GateWaiting(String canary, Instant at, HookType gate, String detail, boolean muted)
            implements CanaryEvent {
        @Override
        public Severity severity() {
            return Severity.WARN;
        }

        @Override
        public String message() {
            return "waiting for " + gate.wireName() + " approval: " + detail;
        }
    }

    /** The canary was rolled back; all traffic is on the primary (confirmed by the router). */
    record RolledBack(String canary, Instant at, String reason, int failedChecks) implements CanaryEvent {
        @Override
        public Severity severity() {
            return Severity.ERROR;
        }

        @Override
        public String message() {
            return "rolled back: " + reason + " (failed checks: " + failedChecks + ")";
        }
    }

    /** The new revision was promoted to the primary. */
    record Promoted(String canary, Instant at, String revision) implements CanaryEvent {
        @Override
        public Severity severity() {
            return Severity.INFO;
        }

        @Override
        public String message() {
            return "promoted revision " + revision;
        }
    }

    /** Any other noteworthy happening ("new revision detected", "starting canary analysis", ...). */
    record Note(String canary, Instant at, Severity severity, String message) implements CanaryEvent {
    }

    /** A tick finished; {@code status} is the snapshot after it. Published by the runner. */
    record Ticked(String canary, Instant at, RunStatus status) implements CanaryEvent {
        @Override
        public Severity severity() {
            return Severity.INFO;
        }

        @Override
        public String message() {
            return status.summary();
        }
    }
}
