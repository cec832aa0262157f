package dev.canary.backtest;

/** What the spec would have done with a release. */
public enum Outcome {
    /** Promoted the canary. */
    PROMOTED,
    /** Rolled the canary back. */
    ROLLED_BACK,
    /** Still undecided when the replayed window ended (such as a run holding on inconclusive checks). */
    UNDECIDED
}
