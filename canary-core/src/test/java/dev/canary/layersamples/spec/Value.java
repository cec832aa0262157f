package dev.canary.layersamples.spec;

/** A sample value. */
public record Value(int weight) {
}
