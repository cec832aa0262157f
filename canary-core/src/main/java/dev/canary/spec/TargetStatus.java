package dev.canary.spec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The deployment target as observed in one tick.
 *
 * @param revision        the target's current revision (a stable hash of what it would run); {@code null} when
 *                        it could not be read: an unknown revision never counts as a change
 * @param primaryRevision the revision the primary runs; {@code null} when the primary was not bootstrapped yet
 * @param primary         readiness of the primary
 * @param canary          readiness of the canary
 */
public record TargetStatus(
        @Nullable String revision,
        @Nullable String primaryRevision,
        Readiness primary,
        Readiness canary) {

    public TargetStatus {
        Objects.requireNonNull(primary, "primary == null");
        Objects.requireNonNull(canary, "canary == null");
    }
}
