package dev.canary.engine;

import dev.canary.spec.CanarySpec;
import java.time.Instant;

/**
 * The pure decision function of a canary run: {@code (spec, state, observations, now) -> step}.
 *
 * <p>No I/O, no threads, no clock reads, no logging. The same inputs always give the same step. When the
 * engine needs an observation it does not have yet, it returns {@link Step.Observe}; the runner gathers
 * what was asked and calls again with the same state. Thread-safe (stateless).
 */
public final class Engine {
    private Engine() {
    }

    /**
     * Decides one tick.
     *
     * @param spec         the canary spec
     * @param state        the state after the previous tick ({@link RunState#initial()} for a new canary)
     * @param observations what was observed so far in this tick
     * @param now          the time of the tick
     * @return the observations still needed, or the decision
     */
    public static Step step(CanarySpec spec, RunState state, Observations observations, Instant now) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
