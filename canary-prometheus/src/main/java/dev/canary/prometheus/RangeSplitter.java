package dev.canary.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a range query that may exceed Prometheus' {@value PrometheusMetricsProvider#MAX_RANGE_POINTS} points per
 * series as several consecutive range queries on the same step grid, and merges their series by labels.
 * Stateless.
 */
final class RangeSplitter {
    /** Steps per query: below Prometheus' limit. */
    static final long STEPS_PER_QUERY = 10_000;

    private RangeSplitter() {
    }

    /** One range of a split query: from {@code start} to {@code end} inclusive. */
    record Chunk(Instant start, Instant end) {
    }

    /** The chunks of {@code [start, end]} on the grid {@code start + k * step}, each at most {@code steps} steps. */
    static List<Chunk> chunks(Instant start, Instant end, Duration step, long steps) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " must not be before start " + start);
        }
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive but was " + step);
        }
        List<Chunk> chunks = new ArrayList<>();
        Instant from = start;
        while (!from.isAfter(end)) {
            Instant to = from.plus(step.multipliedBy(steps));
            if (to.isAfter(end)) {
                to = end;
            }
            chunks.add(new Chunk(from, to));
            from = to.plus(step);
        }
        return chunks;
    }

    /** Runs {@code query} on every chunk and merges the series (same labels: samples appended in time order). */
    static QueryResult.Matrix run(Instant start, Instant end, Duration step,
            Function<Chunk, QueryResult.Matrix> query) {
        Map<Map<String, String>, List<QueryResult.Sample>> series = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (Chunk chunk : chunks(start, end, step, STEPS_PER_QUERY)) {
            QueryResult.Matrix part = query.apply(chunk);
            for (QueryResult.Series s : part.series()) {
                series.computeIfAbsent(s.labels(), k -> new ArrayList<>()).addAll(s.samples());
            }
            part.warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
        }
        List<QueryResult.Series> merged = new ArrayList<>();
        series.forEach((labels, samples) -> merged.add(new QueryResult.Series(labels, samples)));
        return new QueryResult.Matrix(merged, warnings);
    }
}
