package dev.canary.internal.hooks;

import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Optional deadlines per gate name: a gate that keeps answering "wait" for longer than its deadline (measured
 * with the run's clock from its first "wait") is answered "deny" instead. The wait start is kept in memory and
 * forgotten when the gate answers anything else, at the deadline, and at the end of a run. Thread-safe.
 */
final class GateDeadlines {
    private final Map<String, Duration> deadlines;
    private final Clock clock;
    private final Map<String, Instant> waitingSince = new ConcurrentHashMap<>();

    GateDeadlines(Map<String, Duration> deadlines, Clock clock) {
        this.deadlines = Map.copyOf(deadlines);
        this.clock = clock;
    }

    /** {@code result}, or a denial when the hook has waited past its deadline. */
    GateResult apply(WebhookSpec hook, GateResult result) {
        Duration deadline = deadlines.get(hook.name());
        if (deadline == null) {
            return result;
        }
        if (result.answer() != GateAnswer.WAIT) {
            waitingSince.remove(hook.name());
            return result;
        }
        Instant now = clock.instant();
        Instant since = waitingSince.computeIfAbsent(hook.name(), name -> now);
        Duration waited = Duration.between(since, now);
        if (waited.compareTo(deadline) >= 0) {
            waitingSince.remove(hook.name());
            return GateResult.deny(hook.type().wireName() + " gate '" + hook.name() + "' still waiting after "
                    + Durations.format(waited) + ", past its deadline of " + Durations.format(deadline)
                    + ": treated as a denial (last answer: " + result.detail() + ")");
        }
        return GateResult.waiting(result.detail() + " (denied in " + Durations.format(deadline.minus(waited))
                + " unless answered)");
    }

    void clear() {
        waitingSince.clear();
    }
}
