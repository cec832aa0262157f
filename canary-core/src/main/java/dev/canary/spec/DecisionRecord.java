package dev.canary.spec;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a run's history: what was decided in a tick and the evidence behind it.
 *
 * @param tick         the tick number (1 for the first)
 * @param at           when it was decided
 * @param phase        the phase after the decision
 * @param canaryWeight the canary weight after the decision
 * @param failedChecks the failed-check count after the decision
 * @param summary      what was decided and why, in one line
 * @param checks       the check evaluations of the tick (empty when the tick did not analyse)
 */
public record DecisionRecord(
        long tick,
        Instant at,
        Phase phase,
        int canaryWeight,
        int failedChecks,
        String summary,
        List<dev.canary.spec.CheckEvaluation> checks) {

    public DecisionRecord {
        Objects.requireNonNull(at, "at == null");
        Objects.requireNonNull(phase, "phase == null");
        Objects.requireNonNull(summary, "summary == null");
        checks = List.<CheckEvaluation>copyOf(checks);
    }
}
