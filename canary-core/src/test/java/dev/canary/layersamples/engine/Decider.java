package dev.canary.layersamples.engine;

import dev.canary.layersamples.spec.Value;

/** A pure decision over spec values. */
public final class Decider {
    public Value next(Value value) {
        return new Value(value.weight() + 10);
    }
}
