package dev.canary.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The fixed-rate schedule of a run: tick k is due at {@code start + k x interval}. A tick that ends after later
 * ticks fell due skips them (they are counted, never run late one after another), so a slow tick never moves
 * the ticks after it. Retries after a failed tick come sooner, but never later than the next due tick. Used by
 * one tick at a time.
 */
final class Schedule {
    private final Instant start;
    private final Duration interval;
    private long lastSlot;
    private long skipped;

    Schedule(Instant start, Duration interval) {
        this.start = start;
        this.interval = interval;
    }

    /** When the next tick is due and how many due ticks the last one overran (also added to {@link #skipped()}). */
    Next next(Instant now) {
        long slot = slotAfter(now);
        long missed = Math.max(0, slot - lastSlot - 1);
        lastSlot = slot;
        skipped += missed;
        return new Next(due(slot), missed);
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

    /** Due ticks skipped so far. */
    long skipped() {
        return skipped;
    }

    private long slotAfter(Instant now) {
        long elapsed = Duration.between(start, now).toNanos();
        return elapsed < 0 ? 0 : elapsed / interval.toNanos() + 1;
    }

    private Instant due(long slot) {
        return start.plus(interval.multipliedBy(slot));
    }

    record Next(Instant due, long skipped) {
    }
}
