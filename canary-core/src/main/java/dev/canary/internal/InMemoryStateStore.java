package dev.canary.internal;

import dev.canary.engine.RunState;
import dev.canary.spi.StateStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Keeps states in memory: lost when the process ends. The default store. Thread-safe. */
public final class InMemoryStateStore implements StateStore {
    private final ConcurrentMap<String, RunState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<RunState> load(String key) {
        return Optional.ofNullable(states.get(key));
    }

    @Override
    public void save(String key, RunState state) {
        states.put(key, state);
    }

    @Override
    public void delete(String key) {
        states.remove(key);
    }

    @Override
    public String toString() {
        return "InMemoryStateStore" + states.keySet();
    }
}
