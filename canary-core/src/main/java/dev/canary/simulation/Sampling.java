package dev.canary.simulation;

import dev.canary.spec.RequestCounts;
import java.util.List;
import java.util.SplittableRandom;

/** Random counts and histogram quantiles for the simulation. Stateless. */
final class Sampling {
    private Sampling() {
    }

    static long poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    static long binomial(SplittableRandom random, long n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (n < 40) {
            long k = 0;
            for (long i = 0; i < n; i++) {
                k += random.nextDouble() < p ? 1 : 0;
            }
            return k;
        }
        if (n * p < 15) {
            return Math.min(n, poisson(random, n * p));
        }
        if (n * (1 - p) < 15) {
            return n - Math.min(n, poisson(random, n * (1 - p)));
        }
        double sd = Math.sqrt(n * p * (1 - p));
        return Math.min(n, Math.max(0, Math.round(n * p + sd * gaussian(random))));
    }

    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * Prometheus's {@code histogram_quantile}: linear within the bucket that holds the rank, 0 as the lower bound
     * of the first bucket, the largest finite bound when the rank falls in {@code +Inf}; NaN without requests.
     */
    static double histogramQuantile(double q, RequestCounts counts) {
        double total = counts.requests();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        List<RequestCounts.Bucket> buckets = counts.buckets();
        double lowerBound = 0;
        double lowerCount = 0;
        for (RequestCounts.Bucket b : buckets) {
            if (b.count() >= rank) {
                double inBucket = b.count() - lowerCount;
                return inBucket <= 0 ? b.le() : lowerBound + (b.le() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = b.le();
            lowerCount = b.count();
        }
        return buckets.isEmpty() ? Double.NaN : buckets.get(buckets.size() - 1).le();
    }
}
