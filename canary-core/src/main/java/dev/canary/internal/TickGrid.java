package dev.canary.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The tick grid of a runtime: the schedules of its runs are anchored on multiples of the grid step (see
 * {@link Schedule}), so that runs started close together fall due at the same instant and tick in one wake-up of
 * the scheduler thread. That pays off while ticks are sparse; when many runs share a step they would only start
 * in bursts, so a run is aligned only while fewer than {@value #MAX_PER_STEP} aligned runs per grid step of its
 * interval are running. Thread-safe.
 */
public final class TickGrid {
    /** The most aligned runs per grid step of an interval: at most about this many ticks share a wake-up. */
    static final int MAX_PER_STEP = 32;
    /** No grid: every run ticks at its start plus k intervals. */
    public static final TickGrid NONE = new TickGrid(Duration.ZERO);

    private final Duration step;
    private final AtomicLong aligned = new AtomicLong();

    public TickGrid(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("the tick grid must not be negative but was " + step);
        }
        this.step = step;
    }

    public Duration step() {
        return step;
    }

    /**
     * The anchor of the schedule of a run started at {@code start}: the start rounded up to the grid, the run then
     * counting as aligned until {@link #leave()}; or null when it is not aligned (no grid, a grid coarser than a
     * tenth of the interval, or enough aligned runs already).
     */
    @Nullable Instant join(Instant start, Duration interval) {
        if (!Schedule.aligns(interval, step)) {
            return null;
        }
        long capacity = MAX_PER_STEP * (interval.toNanos() / step.toNanos());
        if (aligned.incrementAndGet() > capacity) {
            aligned.decrementAndGet();
            return null;
        }
        return Schedule.anchor(start, interval, step);
    }

    /** A run that {@link #join}ed ended. */
    void leave() {
        aligned.decrementAndGet();
    }

    /** Aligned runs now. */
    long aligned() {
        return aligned.get();
    }
}
