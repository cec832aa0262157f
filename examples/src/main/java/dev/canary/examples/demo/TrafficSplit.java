package dev.canary.examples.demo;

/**
 * How many client requests the proxy sent to each upstream in some window (mirrored copies not counted).
 *
 * @param primary requests served by the primary
 * @param canary  requests served by the canary
 */
public record TrafficSplit(long primary, long canary) {
    public TrafficSplit {
        if (primary < 0 || canary < 0) {
            throw new IllegalArgumentException("counts must not be negative but were " + primary + ", " + canary);
        }
    }

    public long total() {
        return primary + canary;
    }

    /** The canary's share in percent; 0 when there were no requests. */
    public double canaryPercent() {
        return total() == 0 ? 0 : 100.0 * canary / total();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "primary %d (%.1f %%), canary %d (%.1f %%)", primary,
                100 - (total() == 0 ? 100 : canaryPercent()), canary, canaryPercent());
    }
}
