package dev.canary.engine;

/** A manual command given to a running run, seen by the engine in the next tick. */
public enum Command {
    /** Roll back now. */
    ABORT,
    /** Skip the rest of the analysis and promote now. */
    PROMOTE_NOW
}
