package dev.canary.examples;

import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Passes every query to another {@link MetricsProvider} and records when it started and ended, so that the demo
 * can report the wall time of each tick's metric queries (a run queries the checks of a tick concurrently).
 * {@link #close()} does not close the delegate. Thread-safe.
 */
final class TimedMetricsProvider implements MetricsProvider {
    private final MetricsProvider delegate;
    private final LongSupplier nanoTime;
    private final List<long[]> calls = new ArrayList<>();

    /** @param nanoTime the time source, such as {@code System::nanoTime} */
    TimedMetricsProvider(MetricsProvider delegate, LongSupplier nanoTime) {
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
    }

    @Override
    public MetricResult query(MetricQuery query) {
        long start = nanoTime.getAsLong();
        try {
            return delegate.query(query);
        } finally {
            long end = nanoTime.getAsLong();
            synchronized (calls) {
                calls.add(new long[] {start, end});
            }
        }
    }

    /**
     * The wall time of each tick's queries, in order: from the first query's start to the last one's end, where a
     * query belongs to the current tick when it started less than {@code sameTick} after the tick's first query.
     */
    List<Duration> tickTimes(Duration sameTick) {
        List<long[]> sorted;
        synchronized (calls) {
            sorted = new ArrayList<>(calls);
        }
        sorted.sort(Comparator.comparingLong(c -> c[0]));
        List<Duration> ticks = new ArrayList<>();
        long first = 0;
        long last = 0;
        for (long[] call : sorted) {
            if (!ticks.isEmpty() && call[0] - first < sameTick.toNanos()) {
                last = Math.max(last, call[1]);
                ticks.set(ticks.size() - 1, Duration.ofNanos(last - first));
                continue;
            }
            first = call[0];
            last = call[1];
            ticks.add(Duration.ofNanos(last - first));
        }
        return ticks;
    }

    @Override
    public String toString() {
        return "Timed[" + delegate + "]";
    }
}
