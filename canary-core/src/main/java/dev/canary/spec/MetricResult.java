package dev.canary.spec;

import dev.canary.spec.RequestCounts;
import java.util.Objects;

/**
 * What a metrics provider answered: a value, no data, or a failure. {@code source} says what was asked
 * (such as the rendered query) and is shown as evidence; it must not contain secrets.
 */
public sealed interface MetricResult {
    String source();

    /**
     * A value. NaN (such as 0/0 with no traffic), +Inf and -Inf are allowed and judged like no data: a value
     * that is not finite never passes a check.
     *
     * @param samples requests behind the value, or -1 when unknown
     */
    record Value(double value, long samples, String source) implements MetricResult {
        public Value {
            Objects.requireNonNull(source, "source == null");
        }
    }

    /** The query returned nothing, such as an empty vector when there was no traffic. */
    record NoData(String reason, String source) implements MetricResult {
        public NoData {
            Objects.requireNonNull(reason, "reason == null");
            Objects.requireNonNull(source, "source == null");
        }
    }

    /** The provider could not answer: unreachable, bad query, timeout... */
    record Failed(String message, String source) implements MetricResult {
        public Failed {
            Objects.requireNonNull(message, "message == null");
            Objects.requireNonNull(source, "source == null");
        }
    }

    /**
     * The counts behind a check, for sequential judgement: requests, failed requests and latency buckets over the
     * window asked for (see {@link dev.canary.spi.MetricsProvider#counts}).
     */
    record Counts(RequestCounts counts, String source) implements MetricResult {
        public Counts {
            Objects.requireNonNull(counts, "counts == null");
            Objects.requireNonNull(source, "source == null");
        }
    }

    static MetricResult value(double value) {
        return new Value(value, -1, "");
    }
}
