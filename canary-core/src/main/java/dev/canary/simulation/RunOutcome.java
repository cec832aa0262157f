package dev.canary.simulation;

import java.time.Duration;
import java.util.Objects;

/**
 * How one simulated run ended.
 *
 * @param result          promoted, rolled back, or undecided when the simulated time ran out
 * @param timeToDecision  from the tick that first sent traffic to the canary (the analysis's first step) to the
 *                        tick that decided the rollback or the promotion; the whole simulated time when undecided
 * @param canaryRequests  requests the canary served during the run
 * @param canaryFailures  failed requests the canary served during the run
 * @param reason          the last decision's summary
 */
public record RunOutcome(Result result, Duration timeToDecision, double canaryRequests, double canaryFailures,
        String reason) {

    /** How a run ended. */
    public enum Result { PROMOTED, ROLLED_BACK, UNDECIDED }

    public RunOutcome {
        Objects.requireNonNull(result, "result == null");
        Objects.requireNonNull(timeToDecision, "timeToDecision == null");
        Objects.requireNonNull(reason, "reason == null");
    }
}
