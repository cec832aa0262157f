package dev.canary.spec;

/**
 * What a check result that is not a value (no data, or a provider error) counts as.
 */
public enum OutcomePolicy {
    /** Counts as a failed check, like Flagger. The default. */
    FAIL,
    /** Inconclusive: the tick neither advances nor counts a failure. */
    WAIT
}
