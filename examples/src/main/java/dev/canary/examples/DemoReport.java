package dev.canary.examples;

import dev.canary.CanaryResult;
import dev.canary.examples.demo.TrafficSplit;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link LocalDemo} run ended.
 *
 * @param result          the canary run's result
 * @param weights         the canary weight after every tick, in order
 * @param finalSplit      where the proxy sent the probe requests sent through it after the run ended
 * @param primaryRevision the revision the primary service runs at the end
 */
public record DemoReport(CanaryResult result, List<Integer> weights, TrafficSplit finalSplit, String primaryRevision) {
    public DemoReport {
        Objects.requireNonNull(result, "result == null");
        Objects.requireNonNull(finalSplit, "finalSplit == null");
        Objects.requireNonNull(primaryRevision, "primaryRevision == null");
        weights = List.copyOf(weights);
    }

    /** 0 when the canary was promoted, 1 when it was rolled back. */
    public int exitCode() {
        return result.succeeded() ? 0 : 1;
    }

    /** The highest canary weight reached. */
    public int peakWeight() {
        return weights.stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
