package dev.canary.spec;

/**
 * The traffic split between primary and canary, in percent of requests: {@code primary + canary == 100}.
 *
 * @param primary  percent of requests served by the primary
 * @param canary   percent of requests served by the canary
 * @param mirrored whether requests to the primary are also mirrored to the canary (responses discarded)
 */
public record Routes(int primary, int canary, boolean mirrored) {
    /** All traffic on the primary, no mirroring. */
    public static final Routes PRIMARY_ONLY = new Routes(100, 0, false);

    public Routes {
        if (primary < 0 || primary > 100 || canary < 0 || canary > 100 || primary + canary != 100) {
            throw new IllegalArgumentException(
                    "weights must be within 0..100 and add up to 100 but were primary " + primary + ", canary "
                            + canary);
        }
    }

    /** {@code canaryWeight} percent to the canary, the rest to the primary, no mirroring. */
    public static Routes canary(int canaryWeight) {
        return new Routes(100 - canaryWeight, canaryWeight, false);
    }

    /** All traffic on the primary, mirrored to the canary. */
    public static Routes mirroredToCanary() {
        return new Routes(100, 0, true);
    }

    @Override
    public String toString() {
        return "primary " + primary + " / canary " + canary + (mirrored ? " (mirrored)" : "");
    }
}
