package dev.canary.internal;

import dev.canary.TickLateness;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free histogram of tick lateness in microseconds: bucket i holds values up to about 1.1^i us, so
 * percentiles are within 10 %. Thread-safe; recording allocates nothing.
 */
public final class TickStats {
    private static final double GROWTH = 1.1;
    private static final int BUCKETS = 260;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder ticks = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    /** Records a tick that started {@code lateness} after it was due. */
    public void record(Duration lateness) {
        long micros = Math.max(0, lateness.toNanos() / 1000);
        counts.incrementAndGet(bucket(micros));
        ticks.increment();
        max.accumulate(micros);
    }

    /** Records {@code n} due ticks that were skipped. */
    public void skipped(long n) {
        skipped.add(n);
    }

    public TickLateness snapshot() {
        long[] copy = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
            total += copy[i];
        }
        return new TickLateness(ticks.sum(), skipped.sum(), percentile(copy, total, 0.50),
                percentile(copy, total, 0.99), Duration.ofNanos(max.get() * 1000));
    }

    private Duration percentile(long[] copy, long total, double q) {
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += copy[i];
            if (seen >= rank) {
                long upper = Math.min(max.get(), (long) Math.pow(GROWTH, i));
                return Duration.ofNanos(upper * 1000);
            }
        }
        return Duration.ofNanos(max.get() * 1000);
    }

    static int bucket(long micros) {
        if (micros <= 1) {
            return 0;
        }
        int i = (int) Math.ceil(Math.log(micros) / Math.log(GROWTH));
        return Math.min(BUCKETS - 1, i);
    }
}
