package dev.canary.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The fixed-rate schedule of a run: the first tick at start, tick k (k >= 1) due at {@code anchor + k x interval}.
 * The anchor is the start itself, or, on a tick grid, the start rounded up to the next multiple of the grid (since
 * the epoch): the ticks of runs started within the same grid step then fall due at the same instant and run in
 * one wake-up of the scheduler thread. A grid coarser than a tenth of the interval is not used. A tick that ends
 * after later ticks fell due skips them (they are counted, never run late one after another), so a slow tick
 * never moves the ticks after it. Retries after a failed tick come sooner, but never later than the next due
 * tick. Used by one tick at a time.
 */
final class Schedule {
    private final Instant start;
    private final Duration interval;
    private long lastSlot;
    private long skipped;

    /** Ticks at {@code start + k x interval}. */
    Schedule(Instant start, Duration interval) {
        this(start, interval, Duration.ZERO);
    }

    /** Ticks at {@code anchor + k x interval}, the anchor being {@code start} aligned up to {@code grid}. */
    Schedule(Instant start, Duration interval, Duration grid) {
        this.start = anchor(start, interval, grid);
        this.interval = interval;
    }

    /** {@code start} rounded up to a multiple of {@code grid}; itself when the grid is zero or too coarse. */
    static Instant anchor(Instant start, Duration interval, Duration grid) {
        if (!aligns(interval, grid)) {
            return start;
        }
        long step = grid.toNanos();
        long past = Math.floorMod(Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000_000L),
                start.getNano()), step);
        return past == 0 ? start : start.plusNanos(step - past);
    }

    /** When the next tick is due and how many due ticks the last one overran (also added to {@link #skipped()}). */
    Next next(Instant now) {
        long slot = slotAfter(now);
        long missed = Math.max(0, slot - lastSlot - 1);
        lastSlot = slot;
        skipped += missed;
        return new Next(due(slot), missed);
    }

    /** When the tick last returned by {@link #next} (or a retry that reached it) is due. */
    Instant scheduled() {
        return due(lastSlot);
    }

    /** A retry {@code delay} after {@code now}, or the next due tick when that comes first. */
    Instant retry(Instant now, Duration delay) {
        long slot = slotAfter(now);
        Instant retry = now.plus(delay);
        if (!retry.isBefore(due(slot))) {
            lastSlot = slot;
            return due(slot);
        }
        return retry;
    }

    /** Whether a run with this interval is aligned to this grid: a positive grid of at most a tenth of it. */
    static boolean aligns(Duration interval, Duration grid) {
        return !grid.isZero() && !grid.isNegative() && grid.multipliedBy(10).compareTo(interval) <= 0;
    }

    /** Due ticks skipped so far. */
    long skipped() {
        return skipped;
    }

    private long slotAfter(Instant now) {
        long elapsed = Duration.between(start, now).toNanos();
        // before the anchor (the first tick ran at the start, ahead of the aligned schedule) the next is slot 1
        return elapsed < 0 ? 1 : elapsed / interval.toNanos() + 1;
    }

    private Instant due(long slot) {
        return start.plus(interval.multipliedBy(slot));
    }

    record Next(Instant due, long skipped) {
    }
}
