package dev.canary.engine.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * An anytime-valid test of a failure rate against an SLO bound that assumes no single "bad" rate: the average of
 * the likelihood ratios of "bad" rates {@code good x 2}, {@code good x 4}, {@code good x 8}, ... (doublings up to
 * 1/2, equal weights) against {@code good}. Each ratio is a supermartingale while the rate is at most
 * {@code good}, so their average is one too and, by Ville's inequality, reaches {@code 1/alpha} with probability
 * at most alpha however often it is looked at. A canary far worse than the zone's "bad" rate is caught after fewer
 * failures than by {@link RateTest} (a failure adds up to {@code ln 64} instead of {@code ln 4}); one just at "bad"
 * takes longer, because the average gives that rate only its share of the weight.
 *
 * <p>The statistic depends on the cumulative counts alone, so it is recomputed each tick from them. Worked numbers
 * (good 0.5 %: rates 1, 2, 4, 8, 16, 32 %): 2 failures in 10 requests give a log e-value of 4.703, 5 in 100
 * 5.794, 8 in 400 (a 2 % canary) 3.597, where {@link RateTest} (bad 2 %) has 2.651, 5.486 and 5.134.
 *
 * @param good         the failure rate that is clearly fine, in (0, 1/4]
 * @param alternatives the "bad" rates averaged over, each above good
 */
public record MixtureRateTest(double good, List<Double> alternatives) {

    public MixtureRateTest {
        if (!(good > 0 && good <= 0.25)) {
            throw new IllegalArgumentException("good must be above 0 and at most 0.25 but was " + good);
        }
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty() || alternatives.stream().anyMatch(p -> !(p > good && p < 1))) {
            throw new IllegalArgumentException("alternatives must be rates between good (" + good + ") and 1 but were "
                    + alternatives);
        }
    }

    /** The test of {@code good} against its doublings up to 1/2. */
    public static MixtureRateTest doublings(double good) {
        List<Double> rates = new ArrayList<>();
        for (double p = 2 * good; p <= 0.5 + 1e-12; p *= 2) {
            rates.add(p);
        }
        return new MixtureRateTest(good, rates);
    }

    /**
     * The log of the average likelihood ratio of {@code failures} in {@code requests}. Counts may be fractional;
     * negative or inconsistent counts count as none.
     */
    public double logEValue(double failures, double requests) {
        double n = Math.max(0, requests);
        double f = Math.min(Math.max(0, failures), n);
        double[] logs = new double[alternatives.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logs.length; k++) {
            double p = alternatives.get(k);
            logs[k] = f * Math.log(p / good) + (n - f) * Math.log((1 - p) / (1 - good));
            max = Math.max(max, logs[k]);
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        return max + Math.log(sum / logs.length);
    }
}
