package dev.canary;

import java.util.concurrent.CompletableFuture;

/**
 * A run in progress, returned by {@link CanaryRun#start()}. Thread-safe: commands may be given from any
 * thread; they take effect at the next tick.
 */
public interface CanaryExecution {

    /** Completes when the run ends (succeeded or rolled back), or exceptionally when it cannot go on. */
    CompletableFuture<CanaryResult> result();

    /** A snapshot of the run now. */
    RunStatus status();

    /** Rolls back at the next tick; {@code reason} is recorded as the evidence. */
    void abort(String reason);

    /** Promotes at the next tick, skipping the remaining analysis. */
    void promoteNow();

    /** Stops ticking (nothing is observed or changed) until {@link #resume()}; weights stay where they are. */
    void pause();

    /** Continues a paused run at its next interval. */
    void resume();

    /** Whether the run is paused. */
    boolean isPaused();
}
