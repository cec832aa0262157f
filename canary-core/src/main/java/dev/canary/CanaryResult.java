package dev.canary;

import dev.canary.spec.Phase;
import java.time.Duration;
import java.util.Objects;

/**
 * How a run ended.
 *
 * @param canary   {@code namespace/name}
 * @param phase    {@link Phase#SUCCEEDED} or {@link Phase#FAILED}
 * @param reason   why it ended so, in one line
 * @param duration wall-clock time from start to end (by the run's clock)
 * @param status   the final status, with the whole history and its evidence
 */
public record CanaryResult(String canary, Phase phase, String reason, Duration duration, RunStatus status) {
    public CanaryResult {
        Objects.requireNonNull(canary, "canary == null");
        Objects.requireNonNull(phase, "phase == null");
        Objects.requireNonNull(reason, "reason == null");
        Objects.requireNonNull(duration, "duration == null");
        Objects.requireNonNull(status, "status == null");
    }

    /** Whether the new revision was promoted. */
    public boolean succeeded() {
        return phase == Phase.SUCCEEDED;
    }
}
