package dev.canary;

import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.Phase;
import dev.canary.spec.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of a run, as {@code kubectl get canary} shows it, plus the evidence.
 *
 * @param canary       {@code namespace/name}
 * @param at           when the snapshot was taken
 * @param phase        the phase
 * @param canaryWeight the canary weight in percent
 * @param mirrored     whether traffic is mirrored to the canary
 * @param failedChecks failed checks so far in this run
 * @param threshold    failed checks that roll back
 * @param iterations   iterations done (blue/green, A/B)
 * @param checks       the latest evaluation of every check (value, bounds, verdict)
 * @param history      every decision of the run with its evidence, oldest first
 * @param rollbackPending why a rollback was decided but is not yet confirmed by the router, or null
 * @param skippedTicks due ticks skipped so far because an earlier tick overran its interval (ticks are due at
 *                     fixed times: start + k x interval; a slow tick never moves the ones after it)
 */
public record RunStatus(
        String canary,
        Instant at,
        Phase phase,
        int canaryWeight,
        boolean mirrored,
        int failedChecks,
        int threshold,
        int iterations,
        Map<String, CheckEvaluation> checks,
        List<DecisionRecord> history,
        @Nullable String rollbackPending,
        long skippedTicks) {

    public RunStatus {
        Objects.requireNonNull(canary, "canary == null");
        Objects.requireNonNull(at, "at == null");
        Objects.requireNonNull(phase, "phase == null");
        checks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(checks));
        history = List.copyOf(history);
        if (skippedTicks < 0) {
            throw new IllegalArgumentException("skippedTicks must not be negative but was " + skippedTicks);
        }
    }

    /** A status with no skipped ticks. */
    public RunStatus(String canary, Instant at, Phase phase, int canaryWeight, boolean mirrored, int failedChecks,
            int threshold, int iterations, Map<String, CheckEvaluation> checks, List<DecisionRecord> history,
            @Nullable String rollbackPending) {
        this(canary, at, phase, canaryWeight, mirrored, failedChecks, threshold, iterations, checks, history,
                rollbackPending, 0);
    }

    /** This status with {@code skipped} as its count of skipped ticks (this one when the count is the same). */
    public RunStatus withSkippedTicks(long skipped) {
        if (skipped == skippedTicks) {
            return this;
        }
        return new RunStatus(canary, at, phase, canaryWeight, mirrored, failedChecks, threshold, iterations, checks,
                history, rollbackPending, skipped);
    }

    /** The status of {@code state}. */
    public static RunStatus of(CanarySpec spec, RunState state, Instant at) {
        return of(spec, state, at, 0);
    }

    /** The status of {@code state} with {@code skippedTicks} due ticks skipped so far. */
    public static RunStatus of(CanarySpec spec, RunState state, Instant at, long skippedTicks) {
        return new RunStatus(spec.key(), at, state.phase(), state.canaryWeight(), state.mirrored(),
                state.failedChecks(), spec.analysis().threshold(), state.iterations(), state.lastChecks(),
                state.history(), state.rollbackReason(), skippedTicks);
    }

    /** One line: phase, weight, failed checks and the latest check values. */
    public String summary() {
        String values = checks.values().stream()
                .map(c -> c.name() + "=" + (c.value() == null ? "-" : String.format("%.2f", c.value()))
                        + (c.verdict() == Verdict.PASS ? "" : " " + c.verdict()))
                .collect(Collectors.joining(", "));
        return phase.displayName() + " weight=" + canaryWeight + (mirrored ? " (mirrored)" : "")
                + " failedChecks=" + failedChecks + "/" + threshold + (values.isEmpty() ? "" : " " + values);
    }
}
