package dev.canary.layersamples.engine;

import dev.canary.layersamples.ApiEntry;

/** An engine type that reaches up into the API: forbidden, and a cycle. */
public final class EngineCallsApi {
    public ApiEntry entry() {
        return new ApiEntry();
    }
}
