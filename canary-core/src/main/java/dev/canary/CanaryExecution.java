package dev.canary;

import dev.canary.spec.HookType;
import java.util.concurrent.CompletableFuture;

/**
 * A run in progress, returned by {@link CanaryRun#start()}. Thread-safe: commands may be given from any
 * thread; they take effect at the next tick (an abort at once).
 */
public interface CanaryExecution extends AutoCloseable {

    /** Completes when the run ends (succeeded or rolled back), or exceptionally when it cannot go on. */
    CompletableFuture<CanaryResult> result();

    /** A snapshot of the run now. */
    RunStatus status();

    /**
     * Rolls back now: a tick runs at once unless one is running (then right after it), so an abort ends the run
     * within one interval when the router answers. {@code reason} is kept in the history, the events and the
     * result's reason ({@code aborted by command: <reason>}).
     */
    void abort(String reason);

    /** Promotes at the next tick, skipping the remaining analysis. */
    void promoteNow();

    /**
     * Approves the manual gates of {@code type} (registered with {@link CanaryRun.Builder#manualGate(String)}):
     * their next consultation passes. The approval is used up once all hooks of the type have passed (for
     * {@code confirm-traffic-increase}: one weight step per approval). Written to the state store with the run
     * state before this method returns, so a run resumed from that store (another process, a restart, even a
     * crash before the next tick) still has it. When this process does not drive the run at the moment (another
     * holds its lease) the approval is kept here until it does; give it through the store's remote commands
     * then (for Kubernetes, {@code canary approve} or the {@code canary.dev/approve} annotation).
     *
     * @throws IllegalArgumentException when the spec has no manual gate of that type
     * @throws ProviderException        when the state store could not write it; the approval is still kept in this
     *                                  process and stored with the next tick
     */
    void approve(HookType type);

    /**
     * Denies the manual gates of {@code type}: their next consultation answers "deny", which rolls back for
     * confirm gates, counts a failed check for (pre-)rollout hooks, and keeps the run going for rollback hooks.
     * Stored as {@link #approve} is: before this method returns.
     *
     * @throws IllegalArgumentException when the spec has no manual gate of that type
     * @throws ProviderException        when the state store could not write it (see {@link #approve})
     */
    void deny(HookType type, String reason);

    /** Stops ticking (nothing is observed or changed) until {@link #resume()}; weights stay where they are. */
    void pause();

    /** Continues a paused run at its next interval. */
    void resume();

    /** Whether the run is paused. */
    boolean isPaused();

    /**
     * Stops driving the run in this process: no further tick, the lease is released, load generators stop and the
     * providers the run created by name are closed. Traffic stays where it is and the state stays stored, so the
     * run can be continued later with {@link CanaryRun#resume}. {@link #result()} then completes exceptionally with
     * a {@link dev.canary.spec.CanaryException} saying where the run stopped, unless it had ended already. Idempotent.
     */
    @Override
    void close();
}
