package dev.canary.engine;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one tick: the next state (to persist before acting), the actions to apply, and the events
 * to publish.
 */
public record Decision(RunState state, List<Action> actions, List<Event> events) implements Step {
    public Decision {
        Objects.requireNonNull(state, "state == null");
        actions = List.copyOf(actions);
        events = List.copyOf(events);
    }
}
