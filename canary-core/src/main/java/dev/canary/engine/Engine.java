package dev.canary.engine;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.Phase;
import dev.canary.spec.SequentialSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

    /**
     * Looks for harm between ticks (see {@link SequentialSpec#watch()}): the sequential checks are updated from
     * counts read now, and a check that shows harm rolls the canary back at once, as it would at a tick. Nothing
     * else is decided between ticks: no commands, no hooks, no weight change, no check counted as failed.
     *
     * @return {@link Step.Observe} for the counts until they are observed; then the rollback decision when a
     *         sequential check showed harm, or {@code null} when nothing changes (no harm shown, or the run is not
     *         {@linkplain #watching watching}): the state stays as it was, the evidence read now is left to the
     *         next tick (which reads the counts again)
     */
    public static @Nullable Step watch(CanarySpec spec, RunState state, Observations observations, Instant now) {
        Objects.requireNonNull(observations, "observations == null");
        Objects.requireNonNull(now, "now == null");
        if (!watching(spec, state)) {
            return null;
        }
        Tick t = new Tick(spec, state, observations, now);
        Step.Observe missing = t.need(Need.COUNTS);
        if (missing != null) {
            return missing;
        }
        Sequential.Judged judged = Sequential.judge(t);
        if (judged.harm().isEmpty()) {
            return null;
        }
        t.evaluated(judged.evaluations());
        return t.rollback("sequential checks showed harm between ticks: " + Evidence.describe(judged.harm()));
    }

    /**
     * Whether a run in {@code state} looks for harm between ticks: its spec has a sequential check with a
     * {@code watch}, and the analysis is under way (phase {@code Progressing} or {@code WaitingPromotion}, the
     * sequential tests started, traffic on the canary, no rollback decided, not suspended).
     */
    public static boolean watching(CanarySpec spec, RunState state) {
        Objects.requireNonNull(spec, "spec == null");
        Objects.requireNonNull(state, "state == null");
        return watchEvery(spec) != null && !spec.suspend() && state.rollbackReason() == null
                && (state.phase() == Phase.PROGRESSING || state.phase() == Phase.WAITING_PROMOTION)
                && state.sequential() != null && (state.canaryWeight() > 0 || state.mirrored());
    }

    /** The shortest {@code watch} of the spec's sequential checks, or {@code null} when none watches. */
    public static @Nullable Duration watchEvery(CanarySpec spec) {
        Duration shortest = null;
        for (MetricCheck check : spec.analysis().metrics()) {
            SequentialSpec settings = check.sequential();
            Duration watch = settings == null ? null : settings.watch();
            if (watch != null && (shortest == null || watch.compareTo(shortest) < 0)) {
                shortest = watch;
            }
        }
        return shortest;
    }
}
