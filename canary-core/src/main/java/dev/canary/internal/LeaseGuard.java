package dev.canary.internal;

import dev.canary.spi.RunLease;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A run's hold on its {@link RunLease}, tick by tick. It tells the tick whether the lease was held without a
 * gap since the run last read its stored state: a lease that was not held, or that lapsed between two ticks
 * (another process may have driven the canary meanwhile), means the stored state must be read again before
 * the next decision, and nothing decided or remembered before it may be applied.
 *
 * <p>Used by one run's ticks, one at a time; {@link #mayWrite} may also be asked from other threads.
 */
final class LeaseGuard {
    private final RunLease lease;
    private final String key;
    private final Clock clock;
    private volatile @Nullable Instant heldUntil;
    private volatile boolean stale = true;
    /** The lease was not held, or lapsed, since the stored state was last read. */
    private volatile boolean gap = true;

    LeaseGuard(RunLease lease, String key, Clock clock) {
        this.lease = lease;
        this.key = key;
        this.clock = clock;
    }

    /**
     * Acquires or renews the lease.
     *
     * @return whether this process holds it now; when not, the stored state counts as stale
     */
    boolean acquire() {
        Instant now = clock.instant();
        Optional<Instant> until = lease.acquire(key);
        if (until.isEmpty() || !now.isBefore(until.get())) {
            heldUntil = null;
            stale = true;
            gap = true;
            return false;
        }
        if (heldUntil == null || !now.isBefore(heldUntil)) {
            stale = true;
            gap = true;
        }
        heldUntil = until.get();
        return true;
    }

    /** Whether the stored state must be loaded before the next decision. */
    boolean mustReload() {
        return stale;
    }

    /** The stored state was just loaded under the lease. */
    void reloaded() {
        stale = false;
        gap = false;
    }

    /**
     * Whether this run held the lease without a gap since it last read the stored state (the state must be read
     * again only because a write failed): nobody else can have decided anything since, so what this run
     * remembers is the newest state of the canary.
     */
    boolean heldWithoutGap() {
        return !gap;
    }

    /** A write failed or was refused: the stored state may differ from what this run believes it is. */
    void invalidate() {
        stale = true;
    }

    /**
     * Whether this process may write the stored state between ticks: it holds the lease and read the stored
     * state since it acquired it (so no other process changed it meanwhile).
     */
    boolean mayWrite() {
        return lease == RunLease.ALWAYS_HELD || (!stale && stillHeld());
    }

    /** Whether the lease acquired last is still valid now; a run acts only then. */
    boolean stillHeld() {
        Instant until = heldUntil;
        return until != null && clock.instant().isBefore(until);
    }
}
