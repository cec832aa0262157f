package dev.canary.engine;

/**
 * What {@link Engine#step} returns: either more observations are needed ({@link Observe}), or the tick is
 * decided ({@link Decision}).
 */
public sealed interface Step permits Step.Observe, Decision {

    /**
     * The engine needs these observations first; the runner gathers them, adds them to the observations
     * and calls {@link Engine#step} again with everything else unchanged.
     */
    record Observe(java.util.Set<Need> needs) implements Step {
        public Observe {
            needs = java.util.Set.copyOf(needs);
            if (needs.isEmpty()) {
                throw new IllegalArgumentException("needs must not be empty");
            }
        }
    }
}
