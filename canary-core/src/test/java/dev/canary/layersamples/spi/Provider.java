package dev.canary.layersamples.spi;

import dev.canary.layersamples.spec.Value;

/** A sample SPI over spec values. */
public interface Provider {
    Value value();
}
