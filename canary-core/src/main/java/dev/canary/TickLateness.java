package dev.canary;

import java.time.Duration;
import java.util.Objects;

/**
 * How late ticks started against their due time (start + k x interval), over the ticks of a
 * {@link CanaryRuntime}. Percentiles come from a histogram with buckets about 10 % wide.
 *
 * @param ticks   ticks started
 * @param skipped due ticks skipped because an earlier tick overran
 * @param p50     median lateness
 * @param p99     99th percentile of lateness
 * @param max     largest lateness
 */
public record TickLateness(long ticks, long skipped, Duration p50, Duration p99, Duration max) {
    public TickLateness {
        Objects.requireNonNull(p50, "p50 == null");
        Objects.requireNonNull(p99, "p99 == null");
        Objects.requireNonNull(max, "max == null");
    }
}
