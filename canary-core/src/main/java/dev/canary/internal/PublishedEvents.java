package dev.canary.internal;

import dev.canary.CanaryEvent;
import dev.canary.engine.Event;

/** Turns the engine's events into the {@link CanaryEvent}s listeners and hooks receive. Stateless. */
final class PublishedEvents {
    private PublishedEvents() {
    }

    static CanaryEvent of(Event event) {
        if (event instanceof Event.PhaseChanged e) {
            return new CanaryEvent.PhaseChanged(e.canary(), e.at(), e.from(), e.to(), e.reason());
        } else if (event instanceof Event.WeightChanged e) {
            return new CanaryEvent.WeightChanged(e.canary(), e.at(), e.from(), e.to(), e.mirrored());
        } else if (event instanceof Event.CheckEvaluated e) {
            return new CanaryEvent.CheckEvaluated(e.canary(), e.at(), e.evaluation());
        } else if (event instanceof Event.GateWaiting e) {
            return new CanaryEvent.GateWaiting(e.canary(), e.at(), e.gate(), e.detail(), e.muted());
        } else if (event instanceof Event.RolledBack e) {
            return new CanaryEvent.RolledBack(e.canary(), e.at(), e.reason(), e.failedChecks());
        } else if (event instanceof Event.Promoted e) {
            return new CanaryEvent.Promoted(e.canary(), e.at(), e.revision());
        } else if (event instanceof Event.Note e) {
            return new CanaryEvent.Note(e.canary(), e.at(), e.severity(), e.message());
        }
        throw new IllegalArgumentException("unknown engine event " + event);
    }
}
