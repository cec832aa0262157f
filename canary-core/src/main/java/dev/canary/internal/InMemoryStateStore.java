package dev.canary.internal;

import dev.canary.engine.RunState;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spi.StateStore;
import dev.canary.spi.StoredRun;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps states in memory: lost when the process ends. The default store. A run's own saves keep the state as it
 * is and encode it as JSON only when it is loaded (the runner saves at every tick and loads rarely). Thread-safe.
 */
public final class InMemoryStateStore implements StateStore {
    private final ConcurrentMap<String, Entry> runs = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredRun> load(String key) {
        Entry entry = runs.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.stored());
    }

    @Override
    public void save(String key, StoredRun run) {
        runs.put(key, new Entry(run));
    }

    /** Saves {@code state} with the manual answers not used yet, encoding them only when they are loaded. */
    void save(String key, RunState state, Map<HookType, GateResult> manualAnswers) {
        runs.put(key, new Entry(state, manualAnswers));
    }

    @Override
    public void delete(String key) {
        runs.remove(key);
    }

    @Override
    public String toString() {
        return "InMemoryStateStore" + runs.keySet();
    }

    /** A stored run, or a state to encode as one when it is first loaded. */
    private static final class Entry {
        private final @Nullable RunState state;
        private final Map<HookType, GateResult> answers;
        private volatile @Nullable StoredRun stored;

        Entry(StoredRun stored) {
            this.stored = stored;
            this.state = null;
            this.answers = Map.of();
        }

        Entry(RunState state, Map<HookType, GateResult> answers) {
            this.state = state;
            this.answers = answers.isEmpty() ? Map.of() : new java.util.EnumMap<>(answers);
        }

        StoredRun stored() {
            StoredRun run = stored;
            if (run == null) {
                run = StateCodec.stored(java.util.Objects.requireNonNull(state), answers);
                stored = run;
            }
            return run;
        }
    }
}
