package dev.canary.backtest;

/** Which canary weights a backtest gives the engine. Every result says which it used. */
public enum Weights {
    /**
     * The weights the spec would have set: the replayed router obeys every decision. The metrics are still the
     * ones recorded under the router's real weights (see {@code docs/backtest.md}). The default.
     */
    SPEC,
    /**
     * The weights the router really had, read from the history at each tick (the engine continues from the
     * router's weights, as a live run does); when the history has no traffic to tell, the spec's.
     */
    RECORDED
}
