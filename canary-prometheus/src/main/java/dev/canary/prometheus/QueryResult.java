package dev.canary.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code data} of a successful Prometheus query, typed by its {@code resultType}, with the response's
 * {@code warnings}. Sample values keep Prometheus' special values: {@code "NaN"}, {@code "+Inf"} and
 * {@code "-Inf"} become {@link Double#NaN} and the infinities. Immutable.
 */
public sealed interface QueryResult {

    /** Non-fatal problems Prometheus reported with the result; empty when there were none. */
    List<String> warnings();

    /** One sample: the evaluation time and the value. */
    record Sample(Instant time, double value) {
        public Sample {
            Objects.requireNonNull(time, "time == null");
        }
    }

    /** One series of an instant vector: its labels and its single sample. */
    record VectorSample(Map<String, String> labels, Sample sample) {
        public VectorSample {
            labels = sortedCopy(labels);
            Objects.requireNonNull(sample, "sample == null");
        }

        /** The labels in PromQL syntax, such as <code>{code="200",service="x"}</code>. */
        public String labelText() {
            return QueryResult.labelText(labels);
        }
    }

    /** One series of a range vector: its labels and its samples in time order. */
    record Series(Map<String, String> labels, List<Sample> samples) {
        public Series {
            labels = sortedCopy(labels);
            samples = List.copyOf(samples);
        }

        /** The labels in PromQL syntax, such as <code>{code="200",service="x"}</code>. */
        public String labelText() {
            return QueryResult.labelText(labels);
        }
    }

    /** {@code resultType: vector}: one sample per series; empty when nothing matched. */
    record Vector(List<VectorSample> samples, List<String> warnings) implements QueryResult {
        public Vector {
            samples = List.copyOf(samples);
            warnings = List.copyOf(warnings);
        }
    }

    /** {@code resultType: scalar}: a single number without labels. */
    record Scalar(Sample sample, List<String> warnings) implements QueryResult {
        public Scalar {
            Objects.requireNonNull(sample, "sample == null");
            warnings = List.copyOf(warnings);
        }
    }

    /** {@code resultType: matrix}: series of samples, as a range query answers. */
    record Matrix(List<Series> series, List<String> warnings) implements QueryResult {
        public Matrix {
            series = List.copyOf(series);
            warnings = List.copyOf(warnings);
        }
    }

    /** {@code resultType: string}: a string literal. */
    record Text(Instant time, String value, List<String> warnings) implements QueryResult {
        public Text {
            Objects.requireNonNull(time, "time == null");
            Objects.requireNonNull(value, "value == null");
            warnings = List.copyOf(warnings);
        }
    }

    private static Map<String, String> sortedCopy(Map<String, String> labels) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    private static String labelText(Map<String, String> labels) {
        StringBuilder b = new StringBuilder("{");
        labels.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append('=').append(PromQl.quote(v)));
        return b.append('}').toString();
    }
}
