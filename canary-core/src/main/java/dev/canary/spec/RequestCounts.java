package dev.canary.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The counts behind a metric value for one version: requests and failed requests over a window, and the
 * cumulative latency-histogram buckets (Prometheus {@code le} buckets: each counts the requests that took at
 * most {@code le} seconds). Counts may be fractional, as Prometheus's {@code increase} extrapolates.
 *
 * @param requests requests in the window, at least 0
 * @param failures failed requests in the window, between 0 and {@code requests}
 * @param buckets  latency buckets sorted by {@code le}, without the {@code +Inf} bucket; empty when not measured
 */
public record RequestCounts(double requests, double failures, List<Bucket> buckets) {
    /** No requests. */
    public static final RequestCounts NONE = new RequestCounts(0, 0, List.of());

    public RequestCounts {
        if (!(requests >= 0) || Double.isInfinite(requests)) {
            throw new IllegalArgumentException("requests must be a count of at least 0 but was " + requests);
        }
        if (!(failures >= 0) || failures > requests * (1 + 1e-9) + 1e-9) {
            throw new IllegalArgumentException("failures must be between 0 and requests (" + requests
                    + ") but was " + failures);
        }
        List<Bucket> sorted = new ArrayList<>(Objects.requireNonNull(buckets, "buckets == null"));
        sorted.removeIf(b -> Double.isInfinite(b.le()));
        sorted.sort(Comparator.comparingDouble(Bucket::le));
        buckets = List.copyOf(sorted);
    }

    /** Requests and failures without latency buckets. */
    public static RequestCounts of(double requests, double failures) {
        return new RequestCounts(requests, failures, List.of());
    }

    /**
     * Requests slower than {@code seconds}, read from the largest bucket at or below it (so a bound between two
     * buckets counts some requests as slow that were not); all requests when no bucket is that small.
     */
    public double slowerThan(double seconds) {
        double within = 0;
        for (Bucket b : buckets) {
            if (b.le() <= seconds * (1 + 1e-9)) {
                within = b.count();
            }
        }
        return Math.max(0, requests - within);
    }

    /**
     * One cumulative histogram bucket.
     *
     * @param le    the upper bound in seconds
     * @param count requests that took at most {@code le} seconds
     */
    public record Bucket(double le, double count) {
        public Bucket {
            if (Double.isNaN(le) || le <= 0) {
                throw new IllegalArgumentException("bucket le must be above 0 seconds but was " + le);
            }
            if (!(count >= 0) || Double.isInfinite(count)) {
                throw new IllegalArgumentException("bucket count must be at least 0 but was " + count);
            }
        }
    }
}
