package dev.canary.layersamples.spec;

import dev.canary.layersamples.engine.Decider;

/** A value that reaches into the engine: forbidden. */
public record SpecCallsEngine(Decider decider) {
}
