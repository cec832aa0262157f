package dev.canary.engine.judge;

import java.util.Locale;

/**
 * The running state of one sequential test over a whole analysis: the log likelihood ratio, what it has shown,
 * and the counts it was computed from (the evidence). Harm, once shown, stays shown with the evidence that showed it
 * (the test stops); no harm stays shown unless harm
 * is shown later (the test keeps watching while the run goes on).
 *
 * @param name            which test, such as {@code slo} or {@code primary le 0.3s}
 * @param logLikelihoodRatio the statistic
 * @param finding         what it has shown
 * @param upper           harm is shown at or above this
 * @param lower           no harm is shown at or below this
 * @param canaryEvents    the canary's events counted (failures or slow requests)
 * @param canaryRequests  the canary's requests counted
 * @param primaryEvents   the primary's events counted (0 for a test against the SLO)
 * @param primaryRequests the primary's requests counted (0 for a test against the SLO)
 */
public record Statistic(String name, double logLikelihoodRatio, Finding finding, double upper, double lower,
        double canaryEvents, double canaryRequests, double primaryEvents, double primaryRequests) {

    /** A test that has seen nothing yet. */
    public static Statistic start(String name, ErrorRates rates) {
        return new Statistic(name, 0, Finding.UNDECIDED, rates.upper(), rates.lower(), 0, 0, 0, 0);
    }

    /** This test after one more tick of evidence. */
    public Statistic plus(double increment, double canaryEvents, double canaryRequests, double primaryEvents,
            double primaryRequests) {
        if (finding == Finding.HARM) {
            return this;
        }
        double llr = logLikelihoodRatio + increment;
        Finding now = llr >= upper ? Finding.HARM : llr <= lower ? Finding.NO_HARM : Finding.UNDECIDED;
        Finding kept = finding == Finding.HARM ? Finding.HARM
                : now == Finding.UNDECIDED && finding == Finding.NO_HARM ? Finding.NO_HARM : now;
        return new Statistic(name, llr, kept, upper, lower, this.canaryEvents + canaryEvents,
                this.canaryRequests + canaryRequests, this.primaryEvents + primaryEvents,
                this.primaryRequests + primaryRequests);
    }

    /**
     * This test after one more tick, for a statistic recomputed from the cumulative counts: {@code statistic} is the
     * new value (harm at or above the upper bound), and {@code noHarm} whether no harm is shown by another
     * statistic (see {@link MixtureRateTest}).
     */
    public Statistic recomputed(double statistic, boolean noHarm, double canaryEvents, double canaryRequests) {
        if (finding == Finding.HARM) {
            return this;
        }
        Finding now = statistic >= upper ? Finding.HARM
                : noHarm || finding == Finding.NO_HARM ? Finding.NO_HARM : Finding.UNDECIDED;
        return new Statistic(name, statistic, now, upper, lower, this.canaryEvents + canaryEvents,
                this.canaryRequests + canaryRequests, primaryEvents, primaryRequests);
    }

    /** The evidence in one line, such as {@code slo: 3/420 canary, log LR 1.21 in (-3.00, 4.61): undecided}. */
    public String describe() {
        String counts = primaryRequests > 0 || primaryEvents > 0
                ? String.format(Locale.ROOT, "%s/%s canary vs %s/%s primary", n(canaryEvents), n(canaryRequests),
                        n(primaryEvents), n(primaryRequests))
                : n(canaryEvents) + "/" + n(canaryRequests) + " canary";
        return String.format(Locale.ROOT, "%s: %s, log LR %.2f in (%.2f, %.2f): %s", name, counts,
                logLikelihoodRatio, lower, upper, finding.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    private static String n(double count) {
        return count == Math.rint(count) ? Long.toString((long) count) : String.format(Locale.ROOT, "%.1f", count);
    }
}
