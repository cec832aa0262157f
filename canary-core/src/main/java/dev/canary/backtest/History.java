package dev.canary.backtest;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a backtest reads the past: the metric results and router weights at past tick times. The Prometheus
 * module answers it from a Prometheus server ({@code PrometheusHistory}); tests answer it from memory.
 * Implementations must be safe to call from one thread at a time at least; they may do I/O.
 */
public interface History {

    /**
     * The results of every metric check of {@code spec} judged by its value (every check but the sequential
     * ones), and the router's weights, at each tick of a release.
     *
     * @param spec    the spec whose checks to evaluate
     * @param release the release (its service names, when given, replace the spec's)
     * @param ticks   the tick times, evenly spaced by the spec's interval, in order, the first at the release's start
     * @return one entry per tick, in the same order; a check that cannot be answered is a
     *         {@link dev.canary.spec.MetricResult.Failed} (never an exception)
     */
    List<RecordedTick> record(CanarySpec spec, Release release, List<Instant> ticks);

    /**
     * The counts behind a sequential check ({@code check.sequential() != null}) for one subject over
     * {@code window} ending at {@code at}: requests, failed requests and latency buckets
     * ({@link MetricResult.Counts}), as a live run's {@code MetricsProvider.counts} answers them. The default
     * answers that this history reports no counts (the check then counts as a provider error).
     */
    default MetricResult counts(CanarySpec spec, Release release, MetricCheck check, MetricQuery.Subject subject,
            Duration window, Instant at) {
        return new MetricResult.Failed(getClass().getSimpleName() + " does not report request counts, which "
                + "sequential checks need", check.name());
    }

    /**
     * The releases of {@code spec} that started in {@code [from, to)}, found in the history (such as the moments
     * the canary started receiving traffic). The default cannot find any.
     *
     * @throws UnsupportedOperationException when this history cannot find releases: give their start times
     */
    default List<Release> releases(CanarySpec spec, Instant from, Instant to) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot find releases in a window; "
                + "give the releases' start times");
    }
}
