package dev.canary.prometheus;

import dev.canary.spec.MetricResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A range query's samples indexed by evaluation time, read as a live run would have read an instant query at
 * each tick: no series then is no data, one is the value, several are a failure. Immutable after construction.
 */
final class TickValues {
    private final Map<Long, List<Double>> values = new HashMap<>();

    TickValues(QueryResult.Matrix matrix) {
        for (QueryResult.Series series : matrix.series()) {
            for (QueryResult.Sample sample : series.samples()) {
                values.computeIfAbsent(sample.time().toEpochMilli(), k -> new ArrayList<>()).add(sample.value());
            }
        }
    }

    /** The check's result at {@code time}, with the request count from {@code counts} when given. */
    MetricResult result(Instant time, @Nullable TickValues counts, String source) {
        List<Double> at = values.getOrDefault(time.toEpochMilli(), List.of());
        if (at.isEmpty()) {
            return new MetricResult.NoData("the query returned no series at " + time + " (no traffic, a gap in the "
                    + "history, or no metric with these labels)", source);
        }
        if (at.size() > 1) {
            return new MetricResult.Failed("the query returned " + at.size() + " series at " + time + " where one "
                    + "value was expected; aggregate them (such as sum(...)) or select one; query: " + source, source);
        }
        return new MetricResult.Value(at.get(0), counts == null ? -1 : counts.count(time), source);
    }

    /** A request count at {@code time}: the rounded single value, 0 when nothing matched, -1 when ambiguous. */
    long count(Instant time) {
        List<Double> at = values.getOrDefault(time.toEpochMilli(), List.of());
        if (at.size() > 1) {
            return -1;
        }
        double v = at.isEmpty() ? 0 : at.get(0);
        return Double.isFinite(v) ? Math.max(0, Math.round(v)) : 0;
    }
}
