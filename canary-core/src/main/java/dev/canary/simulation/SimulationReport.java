package dev.canary.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the runs of a simulation did: how often each outcome happened, how long the decisions took, and what the
 * canary served meanwhile. Immutable.
 *
 * @param runs every run's outcome, in run order
 */
public record SimulationReport(List<RunOutcome> runs) {

    public SimulationReport {
        runs = List.copyOf(runs);
    }

    /** The share of runs that rolled back, 0..1. */
    public double rollbackRate() {
        return share(RunOutcome.Result.ROLLED_BACK);
    }

    /** The share of runs that promoted, 0..1. */
    public double promotionRate() {
        return share(RunOutcome.Result.PROMOTED);
    }

    /** The share of runs still undecided when the simulated time ran out, 0..1. */
    public double undecidedRate() {
        return share(RunOutcome.Result.UNDECIDED);
    }

    private double share(RunOutcome.Result result) {
        return runs.isEmpty() ? Double.NaN : runs.stream().filter(r -> r.result() == result).count()
                / (double) runs.size();
    }

    /** The median time from the start to the decision that ended a run (rollback or promotion). */
    public Duration medianTimeToDecision() {
        return quantile(0.5);
    }

    /** The 95th percentile of the time to the decision that ended a run. */
    public Duration p95TimeToDecision() {
        return quantile(0.95);
    }

    /** The {@code q} quantile (nearest rank) of the times to decision of the decided runs; zero when none. */
    public Duration quantile(double q) {
        List<Duration> times = runs.stream().filter(r -> r.result() != RunOutcome.Result.UNDECIDED)
                .map(RunOutcome::timeToDecision).sorted().toList();
        if (times.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(q * times.size());
        return times.get(Math.max(0, Math.min(times.size() - 1, rank - 1)));
    }

    /** The mean number of requests the canary served per run. */
    public double meanCanaryRequests() {
        return runs.stream().mapToDouble(RunOutcome::canaryRequests).average().orElse(0);
    }

    /** The mean number of failed requests the canary served per run. */
    public double meanCanaryFailedRequests() {
        return runs.stream().mapToDouble(RunOutcome::canaryFailures).average().orElse(0);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d runs: rolled back %.1f %%, promoted %.1f %%, undecided %.1f %%; time to "
                + "decision median %ds, p95 %ds; canary served %.0f requests and %.1f failed requests per run",
                runs.size(), 100 * rollbackRate(), 100 * promotionRate(), 100 * undecidedRate(),
                medianTimeToDecision().toSeconds(), p95TimeToDecision().toSeconds(), meanCanaryRequests(),
                meanCanaryFailedRequests());
    }
}
