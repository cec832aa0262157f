package dev.canary.engine;

import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import java.time.Instant;

/**
 * Something a tick decided that listeners should hear about. The runner publishes each one as the
 * {@code dev.canary.CanaryEvent} of the same name; every event names its canary ({@code namespace/name}) and
 * the tick's time.
 */
public sealed interface Event {
    String canary();

    Instant at();

    /** The run moved from one phase to another. */
    record PhaseChanged(String canary, Instant at, Phase from, Phase to, String reason) implements Event {
    }

    /** The canary weight changes on the router. */
    record WeightChanged(String canary, Instant at, int from, int to, boolean mirrored) implements Event {
    }

    /** A check was evaluated. */
    record CheckEvaluated(String canary, Instant at, CheckEvaluation evaluation) implements Event {
    }

    /** A gate holds the run back; {@code muted} when every hook of the gate mutes alerts. */
    record GateWaiting(String canary, Instant at, HookType gate, String detail, boolean muted) implements Event {
    }

    /** The canary was rolled back. */
    record RolledBack(String canary, Instant at, String reason, int failedChecks) implements Event {
    }

    /** The new revision was promoted to the primary. */
    record Promoted(String canary, Instant at, String revision) implements Event {
    }

    /** Any other noteworthy happening ("new revision detected", "starting canary analysis", ...). */
    record Note(String canary, Instant at, Severity severity, String message) implements Event {
    }
}
