package dev.canary.spec;

/** When a run that reached its failed-check threshold is rolled back. */
public enum RollbackTiming {
    /** In the same tick whose failed check reached the threshold. The default. */
    SAME_TICK,
    /** At the start of the next tick, one interval later, exactly as Flagger does. */
    NEXT_TICK
}
