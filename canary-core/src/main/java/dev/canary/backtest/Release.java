package dev.canary.backtest;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One past release to replay: when the new revision was detected (the first tick of the run) and, optionally,
 * which services served the canary and the primary then (for a history whose service names changed, such as a
 * blue/green swap). Without them, the history names the services from the spec.
 *
 * @param name           a label for the output, such as the revision or a ticket
 * @param start          when the run detected the new revision: tick 0; later ticks follow every interval
 * @param canaryService  the router's name of the canary service then, or {@code null} for the spec's
 * @param primaryService the router's name of the primary service then, or {@code null} for the spec's
 */
public record Release(String name, Instant start, @Nullable String canaryService, @Nullable String primaryService) {
    public Release {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(start, "start == null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("release name must not be blank");
        }
        if (canaryService != null && canaryService.isBlank() || primaryService != null && primaryService.isBlank()) {
            throw new IllegalArgumentException("release '" + name + "': a service name must not be blank");
        }
    }

    /** A release with the spec's service names. */
    public static Release at(String name, Instant start) {
        return new Release(name, start, null, null);
    }

    /** This release with the router's names of the canary and primary services then. */
    public Release withServices(String canary, String primary) {
        return new Release(name, start, Objects.requireNonNull(canary, "canary == null"),
                Objects.requireNonNull(primary, "primary == null"));
    }
}
