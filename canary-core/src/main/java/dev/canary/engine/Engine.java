package dev.canary.engine;

import dev.canary.spec.CanarySpec;
import java.time.Instant;
import java.util.Objects;

/**
 * The pure decision function of a canary run: {@code (spec, state, observations, now) -> step}.
 *
 * <p>No I/O, no threads, no clock reads, no logging. The same inputs always give the same step. When the
 * engine needs an observation it does not have yet, it returns {@link Step.Observe}; the runner gathers what
 * was asked and calls again with the same state. It asks only for what the tick's path needs, in order:
 * the target first, then the routes, gates only when the spec has hooks of that type, and metrics only on
 * ticks that judge them.
 *
 * <p>A tick, by state: a suspended spec decides nothing; a decided rollback is confirmed (the run is
 * {@code Failed} once the router reads back all traffic on the primary, else the routes are set again);
 * {@code Initializing} bootstraps the primary; {@code Initialized}, {@code Succeeded}, {@code Failed} and
 * {@code Waiting} look for a new revision (confirm-rollout gate); {@code Progressing} and
 * {@code WaitingPromotion} analyse and move traffic per strategy; {@code Promoting} and {@code Finalising}
 * move traffic back to the promoted primary. See {@code docs/engine.md} for the details and the differences
 * from Flagger. Thread-safe (stateless).
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
        Objects.requireNonNull(spec, "spec == null");
        Objects.requireNonNull(state, "state == null");
        Objects.requireNonNull(observations, "observations == null");
        Objects.requireNonNull(now, "now == null");
        Tick t = new Tick(spec, state, observations, now);
        if (spec.suspend()) {
            return t.decide("suspended: nothing observed or changed");
        }
        if (state.rollbackReason() != null) {
            return Rollbacks.confirm(t);
        }
        return switch (state.phase()) {
            case INITIALIZING -> Bootstrap.initialize(t);
            case INITIALIZED, SUCCEEDED, FAILED, WAITING -> Bootstrap.detect(t);
            case PROGRESSING, WAITING_PROMOTION -> Progress.tick(t);
            case PROMOTING -> Promotion.promoting(t);
            case FINALISING -> Promotion.finalise(t);
        };
    }
}
