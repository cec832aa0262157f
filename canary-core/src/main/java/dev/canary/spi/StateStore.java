package dev.canary.spi;

import dev.canary.engine.RunState;
import java.util.Optional;

/**
 * Stores the state of runs, keyed by {@code namespace/name}. {@link #save} is atomic: after a crash,
 * {@link #load} returns either the previous or the new state, never a mix. Thread-safe.
 */
public interface StateStore {

    /** The stored state, or empty when the canary was never run. */
    Optional<RunState> load(String key);

    /**
     * Replaces the stored state.
     *
     * @throws dev.canary.ProviderException when it could not be stored (nothing was changed then)
     */
    void save(String key, RunState state);

    /** Removes the state; the next run of the canary starts from scratch. */
    void delete(String key);

    /** Creates {@link StateStore}s; register in {@code META-INF/services/dev.canary.spi.StateStore$Factory}. */
    interface Factory extends ProviderFactory<StateStore> {
    }
}
