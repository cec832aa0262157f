package dev.canary.prometheus;

import dev.canary.spec.MetricResult;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Turns query answers into a {@link MetricResult}: one value, no data, or a failure that says why. */
final class ResultMapper {
    private static final int LISTED_SERIES = 5;

    private ResultMapper() {
    }

    static MetricResult map(CheckPlan plan, @Nullable Answer value, @Nullable Answer samples) {
        if (plan.problem() != null || value == null) {
            return new MetricResult.Failed(String.valueOf(plan.problem()), plan.valueQuery());
        }
        String query = plan.valueQuery();
        if (value.error() != null) {
            return new MetricResult.Failed(value.error().getMessage(), query);
        }
        if (samples != null && samples.error() != null) {
            return new MetricResult.Failed("the request count query failed: " + samples.error().getMessage(), query);
        }
        QueryResult result = value.result();
        if (result == null) {
            return new MetricResult.Failed("Prometheus returned no result; query: " + query, query);
        }
        String source = query + warnings(result, samples);
        long count = samples == null ? -1 : count(samples.result());
        if (result instanceof QueryResult.Scalar scalar) {
            return new MetricResult.Value(scalar.sample().value(), count, source);
        }
        if (result instanceof QueryResult.Vector vector) {
            return vector(vector, count, query, source);
        }
        if (result instanceof QueryResult.Matrix) {
            return new MetricResult.Failed("the query returned a range vector (matrix) where one value was expected;"
                    + " use an instant expression such as sum(rate(metric[1m])); query: " + query, source);
        }
        return new MetricResult.Failed("the query returned a string where a number was expected; query: " + query,
                source);
    }

    private static MetricResult vector(QueryResult.Vector vector, long count, String query, String source) {
        List<QueryResult.VectorSample> samples = vector.samples();
        if (samples.isEmpty()) {
            return new MetricResult.NoData("the query returned no series (no traffic yet, or no metric with these "
                    + "labels)", source);
        }
        if (samples.size() == 1) {
            return new MetricResult.Value(samples.get(0).sample().value(), count, source);
        }
        String listed = samples.stream().limit(LISTED_SERIES).map(QueryResult.VectorSample::labelText)
                .collect(Collectors.joining(", "));
        String more = samples.size() > LISTED_SERIES ? " and " + (samples.size() - LISTED_SERIES) + " more" : "";
        return new MetricResult.Failed("the query returned " + samples.size() + " series where one value was "
                + "expected: " + listed + more + "; aggregate them (such as sum(...)) or select one; query: "
                + query, source);
    }

    /** The request count behind a builtin check: the rounded single value, 0 when nothing matched. */
    private static long count(@Nullable QueryResult result) {
        double v = Double.NaN;
        if (result instanceof QueryResult.Vector vector && vector.samples().size() == 1) {
            v = vector.samples().get(0).sample().value();
        } else if (result instanceof QueryResult.Scalar scalar) {
            v = scalar.sample().value();
        } else if (result instanceof QueryResult.Vector vector && vector.samples().isEmpty()) {
            v = 0;
        } else {
            return -1;
        }
        return Double.isFinite(v) ? Math.max(0, Math.round(v)) : 0;
    }

    private static String warnings(@Nullable QueryResult value, @Nullable Answer samples) {
        List<String> all = new java.util.ArrayList<>(value != null ? value.warnings() : List.of());
        if (samples != null && samples.result() != null) {
            all.addAll(samples.result().warnings());
        }
        return all.isEmpty() ? "" : " [Prometheus warnings: " + String.join("; ", all.stream().distinct().toList())
                + "]";
    }
}
