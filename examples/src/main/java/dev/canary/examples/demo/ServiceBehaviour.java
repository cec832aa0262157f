package dev.canary.examples.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * What a revision of the demo service does: its name, the share of requests it answers with HTTP 500, and the
 * latency it adds to every response.
 *
 * @param revision     the revision's name, such as {@code v1}
 * @param errorPercent percent of requests answered with HTTP 500, 0 to 100; spread evenly (10 means every
 *                     tenth request)
 * @param latency      added to every response; zero or positive
 */
public record ServiceBehaviour(String revision, double errorPercent, Duration latency) {
    public ServiceBehaviour {
        Objects.requireNonNull(revision, "revision == null");
        Objects.requireNonNull(latency, "latency == null");
        if (revision.isBlank()) {
            throw new IllegalArgumentException("revision must not be blank");
        }
        if (!(errorPercent >= 0 && errorPercent <= 100)) {
            throw new IllegalArgumentException("errorPercent must be between 0 and 100 but was " + errorPercent);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative but was " + latency);
        }
    }

    /** A revision that answers every request at once with HTTP 200. */
    public static ServiceBehaviour healthy(String revision) {
        return new ServiceBehaviour(revision, 0, Duration.ZERO);
    }

    @Override
    public String toString() {
        return revision + " (" + errorPercent + " % errors, +" + latency.toMillis() + " ms)";
    }
}
