package dev.canary.spec;

/** The deployment strategy, derived from the analysis settings as Flagger derives it. */
public enum Strategy {
    /** Progressive weights: {@code stepWeight} or {@code stepWeights} up to {@code maxWeight}. */
    CANARY,
    /** {@code iterations} without {@code match}: all analysis at weight 0, then all traffic to the canary. */
    BLUE_GREEN,
    /** {@code iterations} with {@code match}: matching requests go to the canary. */
    AB_TESTING
}
