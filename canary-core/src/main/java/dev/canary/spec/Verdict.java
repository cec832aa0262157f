package dev.canary.spec;

/** The verdict of one check in one tick. */
public enum Verdict {
    /** The value is within the check's bounds. */
    PASS,
    /** The value is outside the bounds, or no data / an error counted as a failure by the check's policy. */
    FAIL,
    /** No data or an error that the check's policy counts as "wait": neither passes nor fails. */
    INCONCLUSIVE,
    /** Not evaluated in this tick (an earlier check failed, or the tick did not analyse). */
    SKIPPED
}
