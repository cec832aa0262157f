package dev.canary.backtest;

import dev.canary.RunStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a spec would have done with one past release: the timeline, tick by tick, and the verdict.
 *
 * @param release   the release
 * @param weights   which weights the engine was given
 * @param threshold the spec's failed-check threshold, for the output
 * @param ticks     the replayed ticks, oldest first
 * @param outcome   promoted, rolled back, or undecided at the end of the window
 * @param decidedAt when the decision that ended the run was taken (the rollback or the promotion), or
 *                  {@code null} when undecided
 * @param reason    the decision's summary, or why it stayed undecided
 * @param status    the run's status after the last replayed tick, as a live run reports it (with every decision in
 *                  its history); {@code RunReport.html(status)} draws the backtest's timeline
 * @param failures  for each check, the ticks in which it failed and the failure was counted (the checks that
 *                  decided a rollback), in spec order; checks that never counted are absent
 */
public record ReleaseResult(Release release, Weights weights, int threshold, List<ReplayTick> ticks, Outcome outcome,
        @Nullable Instant decidedAt, String reason, RunStatus status, Map<String, Integer> failures) {

    public ReleaseResult {
        Objects.requireNonNull(release, "release == null");
        Objects.requireNonNull(weights, "weights == null");
        Objects.requireNonNull(outcome, "outcome == null");
        Objects.requireNonNull(reason, "reason == null");
        Objects.requireNonNull(status, "status == null");
        ticks = List.copyOf(ticks);
        failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        if ((outcome == Outcome.UNDECIDED) != (decidedAt == null)) {
            throw new IllegalArgumentException("decidedAt is set exactly when the release was decided");
        }
    }

    /** The checks that decided a rollback (whose counted failures led to it); empty otherwise. */
    public List<String> decidingChecks() {
        return outcome == Outcome.ROLLED_BACK ? List.copyOf(failures.keySet()) : List.of();
    }
}
