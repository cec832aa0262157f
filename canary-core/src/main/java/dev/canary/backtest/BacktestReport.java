package dev.canary.backtest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A spec's verdicts on many past releases, with the summary: how often it would have rolled back, and which
 * checks decided. Immutable.
 *
 * @param spec     the spec's key ({@code namespace/name})
 * @param weights  which weights the engine was given
 * @param releases one result per release, in the order given
 */
public record BacktestReport(String spec, Weights weights, List<ReleaseResult> releases) {
    public BacktestReport {
        Objects.requireNonNull(spec, "spec == null");
        Objects.requireNonNull(weights, "weights == null");
        releases = List.copyOf(releases);
    }

    /** How many releases ended with {@code outcome}. */
    public long count(Outcome outcome) {
        return releases.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** The share of releases that would have been rolled back, 0 to 1; 0 without releases. */
    public double rollbackRate() {
        return releases.isEmpty() ? 0 : (double) count(Outcome.ROLLED_BACK) / releases.size();
    }

    /** For each check, in how many rolled-back releases it decided (had counted failures), most first. */
    public Map<String, Long> decidingChecks() {
        Map<String, Long> counts = new LinkedHashMap<>();
        releases.forEach(r -> r.decidingChecks().forEach(c -> counts.merge(c, 1L, Long::sum)));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableMap(sorted);
    }
}
