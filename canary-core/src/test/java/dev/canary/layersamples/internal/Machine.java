package dev.canary.layersamples.internal;

import dev.canary.layersamples.ApiEntry;
import dev.canary.layersamples.engine.Decider;
import dev.canary.layersamples.spec.Value;

/** The sample runner: uses the API that created it (the one cycle allowed). */
public final class Machine {
    private final ApiEntry api;

    public Machine(ApiEntry api) {
        this.api = api;
    }

    public Value step(Decider decider, Value value) {
        return api.hashCode() == 0 ? value : decider.next(value);
    }
}
