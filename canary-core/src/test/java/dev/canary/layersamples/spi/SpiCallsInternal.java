package dev.canary.layersamples.spi;

import dev.canary.layersamples.internal.Machine;

/** An SPI type that reaches into internal: forbidden. */
public interface SpiCallsInternal {
    Machine machine();
}
