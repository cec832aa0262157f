package dev.canary.spi;

import java.util.Optional;

/**
 * Stores the state of runs, keyed by {@code namespace/name}. The state is a {@link StoredRun}: an opaque JSON
 * document plus a few plain fields; a store keeps all of it unchanged and never interprets the document.
 *
 * <p>{@link #save} is atomic: after a crash, {@link #load} returns either the previous or the new state, never
 * a mix. Thread-safe.
 */
public interface StateStore {

    /** The stored run, or empty when the canary was never run. */
    Optional<StoredRun> load(String key);

    /**
     * Replaces the stored run.
     *
     * @throws dev.canary.ProviderException when it could not be stored (nothing was changed then)
     */
    void save(String key, StoredRun run);

    /** Removes the state; the next run of the canary starts from scratch. */
    void delete(String key);

    /** Creates {@link StateStore}s; register in {@code META-INF/services/dev.canary.spi.StateStore$Factory}. */
    interface Factory extends ProviderFactory<StateStore> {
    }
}
