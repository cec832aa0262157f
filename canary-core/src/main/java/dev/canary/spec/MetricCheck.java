package dev.canary.spec;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One metric check of the analysis.
 *
 * <p>A check is builtin ({@link #REQUEST_SUCCESS_RATE}, {@link #REQUEST_DURATION}, answered by the metrics
 * provider from the router's own metrics), an inline {@code query}, or a {@code templateRef} to a metric
 * template rendered with {@code templateVariables}.
 *
 * @param name         unique among the spec's checks
 * @param interval     the window the value is computed over, default {@link #DEFAULT_INTERVAL}
 * @param thresholdRange inclusive bounds; a value outside fails the check
 * @param onNoData     what "no data" (and NaN, +Inf, -Inf) counts as, default {@link OutcomePolicy#FAIL}
 * @param onError      what a provider error counts as, default {@link OutcomePolicy#FAIL}
 * @param minSamples   minimum number of requests behind the value before it is judged; below it the
 *                     result counts as no data. 0 (default) disables the guard
 * @param sequential   when set, the check is judged sequentially from request counts instead of by its value
 *                     against {@code thresholdRange} each tick (see {@link SequentialSpec}); {@code null}
 *                     (default) keeps Flagger's rule
 */
public record MetricCheck(
        String name,
        Duration interval,
        ThresholdRange thresholdRange,
        @Nullable String query,
        @Nullable ObjectRef templateRef,
        Map<String, String> templateVariables,
        OutcomePolicy onNoData,
        OutcomePolicy onError,
        long minSamples,
        @Nullable SequentialSpec sequential) {

    public static final String REQUEST_SUCCESS_RATE = "request-success-rate";
    public static final String REQUEST_DURATION = "request-duration";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** The longest window accepted. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(30);

    public MetricCheck {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(interval, "interval == null");
        Objects.requireNonNull(thresholdRange, "thresholdRange == null");
        Objects.requireNonNull(onNoData, "onNoData == null");
        Objects.requireNonNull(onError, "onError == null");
        templateVariables = Map.copyOf(templateVariables);
    }

    /** Whether the check is judged sequentially from request counts. */
    public boolean isSequential() {
        return sequential != null;
    }

    /** Whether this is one of the builtin checks the metrics provider answers without a query. */
    public boolean isBuiltin() {
        return query == null && templateRef == null
                && (REQUEST_SUCCESS_RATE.equals(name) || REQUEST_DURATION.equals(name));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builtin success rate (percent of non-5xx requests) with a minimum. */
    public static MetricCheck successRate(double minPercent) {
        return builder(REQUEST_SUCCESS_RATE).thresholdRange(ThresholdRange.atLeast(minPercent)).build();
    }

    /** Builtin p99 latency in milliseconds with a maximum. */
    public static MetricCheck p99LatencyMillis(double maxMillis) {
        return builder(REQUEST_DURATION).thresholdRange(ThresholdRange.atMost(maxMillis)).build();
    }

    public Builder toBuilder() {
        return new Builder(name).interval(interval).thresholdRange(thresholdRange).query(query)
                .templateRef(templateRef).templateVariables(templateVariables).onNoData(onNoData)
                .onError(onError).minSamples(minSamples).sequential(sequential);
    }

    /** Builds a {@link MetricCheck}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private Duration interval = DEFAULT_INTERVAL;
        private ThresholdRange thresholdRange = ThresholdRange.UNBOUNDED;
        private @Nullable String query;
        private @Nullable ObjectRef templateRef;
        private Map<String, String> templateVariables = Map.of();
        private OutcomePolicy onNoData = OutcomePolicy.FAIL;
        private OutcomePolicy onError = OutcomePolicy.FAIL;
        private long minSamples;
        private @Nullable SequentialSpec sequential;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
        }

        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder thresholdRange(ThresholdRange range) {
            this.thresholdRange = range;
            return this;
        }

        public Builder query(@Nullable String query) {
            this.query = query;
            return this;
        }

        public Builder templateRef(@Nullable ObjectRef templateRef) {
            this.templateRef = templateRef;
            return this;
        }

        public Builder templateVariables(Map<String, String> variables) {
            this.templateVariables = variables;
            return this;
        }

        public Builder onNoData(OutcomePolicy policy) {
            this.onNoData = policy;
            return this;
        }

        public Builder onError(OutcomePolicy policy) {
            this.onError = policy;
            return this;
        }

        public Builder minSamples(long minSamples) {
            this.minSamples = minSamples;
            return this;
        }

        /** Judges the check sequentially from request counts; {@code null} keeps Flagger's threshold rule. */
        public Builder sequential(@Nullable SequentialSpec sequential) {
            this.sequential = sequential;
            return this;
        }

        public MetricCheck build() {
            return new MetricCheck(name, interval, thresholdRange, query, templateRef, templateVariables,
                    onNoData, onError, minSamples, sequential);
        }
    }
}
