package dev.canary.engine.judge;

/**
 * The error rates of a sequential test and the bounds they give on its log likelihood ratio.
 *
 * <p>The bounds come from Ville's inequality, so they hold however often the test is looked at and however long
 * it runs: under "no harm" the likelihood ratio is a (super)martingale and reaches {@code 1/alpha} with probability
 * at most {@code alpha}; under "harm" its reciprocal is one and falls to {@code beta} with probability at most
 * {@code beta}. They are slightly wider than Wald's {@code ln((1-beta)/alpha)} and {@code ln(beta/(1-alpha))},
 * which hold only for a test that stops at its first crossing.
 *
 * @param alpha the probability of finding harm in a canary that is no worse than "good" (false rollback),
 *              default {@link #DEFAULT_ALPHA}
 * @param beta  the probability of clearing a canary that is as bad as "bad" (missed regression),
 *              default {@link #DEFAULT_BETA}
 */
public record ErrorRates(double alpha, double beta) {
    public static final double DEFAULT_ALPHA = 0.01;
    public static final double DEFAULT_BETA = 0.05;

    public ErrorRates {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be between 0 and 0.5 (exclusive) but was " + alpha);
        }
        if (!(beta > 0 && beta < 0.5)) {
            throw new IllegalArgumentException("beta must be between 0 and 0.5 (exclusive) but was " + beta);
        }
    }

    /** alpha {@value #DEFAULT_ALPHA}, beta {@value #DEFAULT_BETA}. */
    public static ErrorRates ofDefaults() {
        return new ErrorRates(DEFAULT_ALPHA, DEFAULT_BETA);
    }

    /** The log likelihood ratio at or above which harm is shown: {@code ln(1/alpha)}. */
    public double upper() {
        return -Math.log(alpha);
    }

    /** The log likelihood ratio at or below which no harm is shown: {@code ln(beta)}. */
    public double lower() {
        return Math.log(beta);
    }

    /** These rates with alpha divided among {@code tests} tests (Bonferroni), beta unchanged. */
    public ErrorRates split(int tests) {
        return tests <= 1 ? this : new ErrorRates(alpha / tests, beta);
    }

    /** Where a log likelihood ratio stands between the bounds. */
    public Finding finding(double logLikelihoodRatio) {
        if (logLikelihoodRatio >= upper()) {
            return Finding.HARM;
        }
        return logLikelihoodRatio <= lower() ? Finding.NO_HARM : Finding.UNDECIDED;
    }
}
