package dev.canary.engine.judge;

/**
 * Lindon and Malek's conditional count test of the canary against the primary, as a sequential probability ratio
 * test on the ratio {@code r} of the canary's event rate (failures, or requests slower than a bound) to the
 * primary's.
 *
 * <p>Given that an event happened while the canary received a share {@code s} of the requests, it came from the
 * canary with probability {@code theta(r) = s r / (s r + 1 - s)}. The traffic level cancels, so diurnal swings and
 * bursts do not matter, and the share may change from tick to tick: each tick's events are weighed with that
 * tick's share. "No harm" is {@code r <= good}, "harm" is {@code r >= bad}. The log likelihood ratio of a tick
 * with {@code c} canary events and {@code p} primary events is
 * {@code c ln(theta(bad)/theta(good)) + p ln((1-theta(bad))/(1-theta(good)))}.
 *
 * <p>Worked numbers (share 0.2, good 1, bad 2): theta(1) = 0.2, theta(2) = 1/3; a canary event adds
 * {@code ln(5/3) = 0.5108}, a primary event {@code ln(5/6) = -0.1823}.
 *
 * @param good the rate ratio that is clearly fine, above 0 (default {@link #DEFAULT_GOOD}: no worse)
 * @param bad  the rate ratio that is clearly harmful, above good (default {@link #DEFAULT_BAD}: twice as many)
 */
public record RatioTest(double good, double bad) {
    public static final double DEFAULT_GOOD = 1.0;
    public static final double DEFAULT_BAD = 2.0;

    public RatioTest {
        if (!(good > 0) || Double.isInfinite(good)) {
            throw new IllegalArgumentException("good must be a ratio above 0 but was " + good);
        }
        if (!(bad > good) || Double.isInfinite(bad)) {
            throw new IllegalArgumentException("bad must be a ratio above good (" + good + ") but was " + bad);
        }
    }

    /** Good {@value #DEFAULT_GOOD}, bad {@value #DEFAULT_BAD}. */
    public static RatioTest ofDefaults() {
        return new RatioTest(DEFAULT_GOOD, DEFAULT_BAD);
    }

    /** The probability that an event came from the canary when it had {@code share} of the requests. */
    public static double theta(double ratio, double share) {
        return share * ratio / (share * ratio + 1 - share);
    }

    /**
     * The log likelihood ratio of one tick: {@code canaryEvents} and {@code primaryEvents} while the canary served
     * {@code canaryShare} of the requests. A tick where either version served nothing carries no evidence (0).
     */
    public double logLikelihoodRatio(double canaryEvents, double primaryEvents, double canaryShare) {
        if (!(canaryShare > 0 && canaryShare < 1)) {
            return 0;
        }
        double c = Math.max(0, canaryEvents);
        double p = Math.max(0, primaryEvents);
        double t0 = theta(good, canaryShare);
        double t1 = theta(bad, canaryShare);
        return c * Math.log(t1 / t0) + p * Math.log((1 - t1) / (1 - t0));
    }

    /** The canary's share of the requests of a tick, from the two request counts; NaN without requests. */
    public static double share(double canaryRequests, double primaryRequests) {
        double c = Math.max(0, canaryRequests);
        double total = c + Math.max(0, primaryRequests);
        return total > 0 ? c / total : Double.NaN;
    }
}
