package dev.canary.traefik;

import dev.canary.spec.Routes;
import java.util.Optional;

/** Turns Traefik's relative weights into percentages. */
final class RouteWeights {
    /** Traefik's weight for an entry without one. */
    static final int DEFAULT_WEIGHT = 1;

    private RouteWeights() {
    }

    /**
     * The split for a primary and a canary weight (relative, like Traefik's; an absent entry counts 0).
     * Empty when no request can be served (both 0).
     */
    static Optional<Routes> of(int primaryWeight, int canaryWeight) {
        int primary = Math.max(0, primaryWeight);
        int canary = Math.max(0, canaryWeight);
        long total = (long) primary + canary;
        if (total == 0) {
            return Optional.empty();
        }
        int canaryPercent = (int) Math.round(100.0 * canary / total);
        return Optional.of(Routes.canary(canaryPercent));
    }

    /** The weight of a weighted-service entry: its {@code weight}, or Traefik's default when absent. */
    static int weightOf(Object entry) {
        Object weight = Maps.child(entry, "weight");
        if (weight == null) {
            return DEFAULT_WEIGHT;
        }
        if (weight instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(weight.toString().trim());
        } catch (NumberFormatException e) {
            return DEFAULT_WEIGHT;
        }
    }

    /** The mirror percentage written for a spec's {@code mirrorWeight}: 0 means 100. */
    static int mirrorPercent(int mirrorWeight) {
        return mirrorWeight == 0 ? 100 : mirrorWeight;
    }
}
