package dev.canary.examples.demo;

/** Where the demo proxy sent a request. */
public enum Upstream {
    /** The primary service: the promoted revision. */
    PRIMARY,
    /** The canary service: the new revision under analysis. */
    CANARY
}
