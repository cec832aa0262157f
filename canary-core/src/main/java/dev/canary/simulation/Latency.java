package dev.canary.simulation;

import java.time.Duration;

/**
 * A log-normal request latency, given by its median and 99th percentile.
 *
 * @param medianSeconds the median, above 0
 * @param p99Seconds    the 99th percentile, above the median
 */
public record Latency(double medianSeconds, double p99Seconds) {
    private static final double Z99 = 2.326347874;

    public Latency {
        if (!(medianSeconds > 0) || !(p99Seconds > medianSeconds) || Double.isInfinite(p99Seconds)) {
            throw new IllegalArgumentException("latency needs 0 < median < p99 but was median " + medianSeconds
                    + " s, p99 " + p99Seconds + " s");
        }
    }

    public static Latency of(Duration median, Duration p99) {
        return new Latency(median.toNanos() / 1e9, p99.toNanos() / 1e9);
    }

    /** The same shape, every request {@code factor} times slower (so p99 and median scale alike). */
    public Latency scaled(double factor) {
        return new Latency(medianSeconds * factor, p99Seconds * factor);
    }

    /** The probability that a request takes at most {@code seconds}. */
    public double cdf(double seconds) {
        if (seconds <= 0) {
            return 0;
        }
        double sigma = Math.log(p99Seconds / medianSeconds) / Z99;
        return normalCdf(Math.log(seconds / medianSeconds) / sigma);
    }

    /** The standard normal distribution function (Abramowitz and Stegun 7.1.26 on erf, error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
