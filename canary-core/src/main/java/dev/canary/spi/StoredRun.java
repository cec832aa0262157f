package dev.canary.spi;

import dev.canary.spec.Phase;
import java.util.Objects;

/**
 * The state of one run as a {@link StateStore} keeps it: an opaque JSON {@code document} that only the runner
 * reads, plus a few plain fields copied out of it for stores that want to show them (as labels, columns or
 * annotations) without parsing the document.
 *
 * <p>A store saves and loads all four fields unchanged; the runner resumes from {@link #document()} alone.
 * Immutable and thread-safe.
 *
 * @param document     the run state as JSON, written and read by the runner; never empty
 * @param phase        the run's phase when it was stored
 * @param canaryWeight the canary weight when it was stored, 0 to 100
 * @param failedChecks the failed checks counted so far, not negative
 */
public record StoredRun(String document, Phase phase, int canaryWeight, int failedChecks) {
    public StoredRun {
        Objects.requireNonNull(document, "document == null");
        Objects.requireNonNull(phase, "phase == null");
        if (document.isBlank()) {
            throw new IllegalArgumentException("document must not be blank");
        }
        if (canaryWeight < 0 || canaryWeight > 100) {
            throw new IllegalArgumentException("canaryWeight must be between 0 and 100 but was " + canaryWeight);
        }
        if (failedChecks < 0) {
            throw new IllegalArgumentException("failedChecks must not be negative but was " + failedChecks);
        }
    }

    /** Only the fields: the document can be large and is not meant for logs. */
    @Override
    public String toString() {
        return "StoredRun[phase=" + phase + ", canaryWeight=" + canaryWeight + ", failedChecks=" + failedChecks
                + ", document=" + document.length() + " chars]";
    }
}
