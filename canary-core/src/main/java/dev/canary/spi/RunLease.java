package dev.canary.spi;

import java.util.Optional;

/**
 * Makes sure only one process drives a canary at a time, across replicas of the embedding platform.
 *
 * <p>Before every tick the runner calls {@link #acquire}; when another holder has the lease the tick does
 * nothing. The runner acts only while the instant returned has not passed, so a holder that stops renewing
 * stops acting before another can take over. Thread-safe.
 */
public interface RunLease extends AutoCloseable {

    /** A lease that is always held: for a single process. The default. */
    RunLease ALWAYS_HELD = new RunLease() {
        @Override
        public Optional<java.time.Instant> acquire(String key) {
            return Optional.of(java.time.Instant.MAX);
        }

        @Override
        public void release(String key) {
        }
    };

    /**
     * Acquires or renews the lease of {@code key} ({@code namespace/name}).
     *
     * @return until when this holder may act, or empty when another holder has the lease
     */
    Optional<java.time.Instant> acquire(String key);

    /**
     * Of {@code keys}, those whose lease another holder has now, read together: a fleet polling many canaries
     * tries {@link #acquire} only on the others. On Kubernetes one list call per namespace instead of one read
     * per canary. The default answers none (every key is then tried); an answer may be stale by the time it is
     * used, {@link #acquire} still decides.
     *
     * @throws RuntimeException when the leases cannot be read (the fleet then tries every key)
     */
    default java.util.Set<String> heldElsewhere(java.util.Collection<String> keys) {
        return java.util.Set.of();
    }

    /** Gives the lease up (at the end of a run), so another holder can take it at once. */
    void release(String key);

    @Override
    default void close() {
    }

    /**
     * Creates {@link RunLease}s by name ({@code CanaryRun.builder().lease("kubernetes")}); register in
     * {@code META-INF/services/dev.canary.spi.RunLease$Factory}. A lease is only created when named.
     */
    interface Factory extends ProviderFactory<RunLease> {
    }
}
