package dev.canary.internal;

import dev.canary.spi.StateStore;
import dev.canary.spi.StoredRun;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Keeps states in memory: lost when the process ends. The default store. Thread-safe. */
public final class InMemoryStateStore implements StateStore {
    private final ConcurrentMap<String, StoredRun> runs = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredRun> load(String key) {
        return Optional.ofNullable(runs.get(key));
    }

    @Override
    public void save(String key, StoredRun run) {
        runs.put(key, run);
    }

    @Override
    public void delete(String key) {
        runs.remove(key);
    }

    @Override
    public String toString() {
        return "InMemoryStateStore" + runs.keySet();
    }
}
