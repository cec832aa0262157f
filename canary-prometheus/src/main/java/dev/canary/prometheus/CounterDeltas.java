package dev.canary.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How much a set of counters (such as one service's request counts per status code) grew between consecutive
 * steps of a range query of their raw values: per series the difference with the previous step, or the new value
 * after a counter reset (as {@code increase()} reads a reset), summed over the series. Immutable.
 */
final class CounterDeltas {
    private final Map<Long, Double> deltas = new HashMap<>();

    /**
     * Reads {@code matrix}, a range query of the raw counters on the grid {@code start + k * step}. A series'
     * sample at {@code start} is its baseline; a series that appears later (its first request) counts in full.
     */
    CounterDeltas(QueryResult.Matrix matrix, Instant start, Duration step) {
        long stepMillis = step.toMillis();
        long baseline = start.toEpochMilli();
        for (QueryResult.Series series : matrix.series()) {
            Map<Long, Double> byTime = new HashMap<>();
            series.samples().forEach(s -> byTime.put(s.time().toEpochMilli(), s.value()));
            for (QueryResult.Sample sample : series.samples()) {
                long t = sample.time().toEpochMilli();
                Double previous = byTime.get(t - stepMillis);
                double v = sample.value();
                double delta = previous == null || v < previous ? v : v - previous;
                if (t == baseline) {
                    continue;
                }
                deltas.merge(t, Double.isFinite(delta) ? delta : 0, Double::sum);
            }
        }
    }

    /** The growth in the step ending at {@code time}; 0 when no counter was seen then. */
    double at(Instant time) {
        return deltas.getOrDefault(time.toEpochMilli(), 0.0);
    }
}
