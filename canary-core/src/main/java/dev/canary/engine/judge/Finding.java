package dev.canary.engine.judge;

/** What a sequential test has shown so far. */
public enum Finding {
    /** The evidence of harm crossed the upper bound: roll back. */
    HARM,
    /** The evidence of no harm crossed the lower bound: the check no longer stands in the way of promotion. */
    NO_HARM,
    /** Neither bound crossed yet: keep collecting evidence. */
    UNDECIDED
}
