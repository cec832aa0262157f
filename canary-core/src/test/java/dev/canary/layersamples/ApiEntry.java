package dev.canary.layersamples;

import dev.canary.layersamples.engine.Decider;
import dev.canary.layersamples.internal.Machine;
import dev.canary.layersamples.spec.Value;
import dev.canary.layersamples.spi.Provider;

/** The sample API: the facade that creates the runner in internal. */
public final class ApiEntry {
    public Value run(Provider provider) {
        return new Machine(this).step(new Decider(), provider.value());
    }
}
