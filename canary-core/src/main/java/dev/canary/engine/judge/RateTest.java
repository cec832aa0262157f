package dev.canary.engine.judge;

/**
 * Wald's sequential probability ratio test of a failure rate against an SLO bound, with an indifference zone.
 *
 * <p>Each request fails with probability {@code p}. "No harm" is {@code p <= good}, "harm" is {@code p >= bad};
 * between the two either finding is acceptable. The log likelihood ratio of {@code f} failures in {@code n}
 * requests is {@code f ln(bad/good) + (n - f) ln((1-bad)/(1-good))}; it adds up over ticks, so the test is
 * updated from counts alone. {@link #forBound} places the zone around an allowed rate: good at half of it,
 * bad at twice it (the defaults {@link #DEFAULT_GOOD_FACTOR}, {@link #DEFAULT_BAD_FACTOR}).
 *
 * <p>Worked numbers (good 0.5 %, bad 2 %): a failure adds {@code ln 4 = 1.386}, a success
 * {@code ln(0.98/0.995) = -0.01519}; with alpha 1 % harm is shown at 4.605 (four failures within the first
 * 65 requests), and with beta 5 % no harm after 198 requests without a failure.
 *
 * @param good the failure rate that is clearly fine, in (0, 1)
 * @param bad  the failure rate that is clearly harmful, in (good, 1)
 */
public record RateTest(double good, double bad) {
    public static final double DEFAULT_GOOD_FACTOR = 0.5;
    public static final double DEFAULT_BAD_FACTOR = 2.0;

    public RateTest {
        if (!(good > 0 && good < 1)) {
            throw new IllegalArgumentException("good must be between 0 and 1 (exclusive) but was " + good);
        }
        if (!(bad > good && bad < 1)) {
            throw new IllegalArgumentException("bad must be between good (" + good + ") and 1 but was " + bad);
        }
    }

    /**
     * The test around an allowed failure rate: good at {@code allowed * goodFactor}, bad at
     * {@code allowed * badFactor} (capped halfway between the allowed rate and 1).
     */
    public static RateTest forBound(double allowed, double goodFactor, double badFactor) {
        if (!(allowed > 0 && allowed < 1)) {
            throw new IllegalArgumentException("the allowed rate must be between 0 and 1 (exclusive) but was "
                    + allowed);
        }
        if (!(goodFactor > 0 && goodFactor < 1) || !(badFactor > 1)) {
            throw new IllegalArgumentException("the indifference zone must have goodFactor in (0, 1) and "
                    + "badFactor above 1 but was " + goodFactor + ", " + badFactor);
        }
        return new RateTest(allowed * goodFactor, Math.min(allowed * badFactor, (1 + allowed) / 2));
    }

    /** The test around an allowed failure rate with the default zone: good at half of it, bad at twice it. */
    public static RateTest forBound(double allowed) {
        return forBound(allowed, DEFAULT_GOOD_FACTOR, DEFAULT_BAD_FACTOR);
    }

    /** What one failure adds to the log likelihood ratio. */
    public double perFailure() {
        return Math.log(bad / good);
    }

    /** What one success adds (negative). */
    public double perSuccess() {
        return Math.log((1 - bad) / (1 - good));
    }

    /**
     * The log likelihood ratio of {@code failures} in {@code requests}. Counts may be fractional (Prometheus
     * extrapolates {@code increase}); negative or inconsistent counts count as none.
     */
    public double logLikelihoodRatio(double failures, double requests) {
        double n = Math.max(0, requests);
        double f = Math.min(Math.max(0, failures), n);
        return f * perFailure() + (n - f) * perSuccess();
    }
}
