package dev.canary.internal;

import dev.canary.CanaryEvent;
import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import java.util.Map;

/**
 * Calls the webhooks and gates of a spec for the runner, and sends alerts. Thread-safe.
 */
public interface Hooks extends AutoCloseable {

    /**
     * Consults every hook of {@code type} in spec order, stopping at the first that does not approve.
     * Never throws: a hook that cannot be reached answers per its type (see {@link dev.canary.spec.GateAnswer}).
     */
    GateResult consult(CanarySpec spec, RunState state, HookType type);

    /** Calls the hooks of a type whose answer changes nothing (post-rollout); failures are only logged. */
    void fire(CanarySpec spec, RunState state, HookType type);

    /** Delivers an event to event hooks and alert providers, without blocking the tick. */
    void publish(CanarySpec spec, RunState state, CanaryEvent event);

    /**
     * Records an answer given through the run handle for the manual gates of {@code type}; their next
     * consultation uses it.
     *
     * @throws IllegalArgumentException when the spec has no manual gate of that type
     */
    default void answer(CanarySpec spec, HookType type, GateAnswer answer, String reason) {
        throw new IllegalArgumentException("canary " + spec.key() + " has no manual gate of type "
                + type.wireName() + ": register one with CanaryRun.builder().manualGate(name)");
    }

    /**
     * The answers given to manual gates and not used yet, by hook type, to be stored with the run state; the
     * default has none.
     */
    default Map<HookType, GateResult> manualAnswers() {
        return Map.of();
    }

    /**
     * The run ended: stops what hooks started (load tests), lets queued deliveries finish (bounded), and forgets
     * manual answers and gate waits. The instance may be used again by a later run.
     */
    @Override
    default void close() {
    }
}
