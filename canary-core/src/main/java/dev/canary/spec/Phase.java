package dev.canary.spec;

/**
 * The phase of a canary, with Flagger's names and meanings.
 */
public enum Phase {
    /** Bootstrapping the primary and the routing. */
    INITIALIZING("Initializing"),
    /** Bootstrapped; waiting for a new revision of the target. */
    INITIALIZED("Initialized"),
    /** A new revision was detected, a confirm-rollout gate holds it back. */
    WAITING("Waiting"),
    /** Analysis running, traffic shifting. */
    PROGRESSING("Progressing"),
    /** Analysis passed, a confirm-promotion gate holds promotion back; analysis continues. */
    WAITING_PROMOTION("WaitingPromotion"),
    /** The primary is being updated to the new revision and traffic moves back to it. */
    PROMOTING("Promoting"),
    /** All traffic is on the primary; the canary is scaled down next. */
    FINALISING("Finalising"),
    /** Promoted. Terminal for the run. */
    SUCCEEDED("Succeeded"),
    /** Rolled back: all traffic is on the primary, confirmed by the router. Terminal for the run. */
    FAILED("Failed");

    private final String displayName;

    Phase(String displayName) {
        this.displayName = displayName;
    }

    /** Flagger's name of the phase, such as {@code WaitingPromotion}. */
    public String displayName() {
        return displayName;
    }

    /** Whether a run in this phase has ended. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** Whether the analysis (metrics, rollout hooks, threshold) runs in this phase. */
    public boolean isAnalysing() {
        return this == PROGRESSING || this == WAITING_PROMOTION;
    }
}
