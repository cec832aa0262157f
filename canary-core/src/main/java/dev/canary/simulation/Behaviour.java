package dev.canary.simulation;

import java.time.Duration;

/**
 * How one version serves requests: the share that fails and the latency.
 *
 * @param errorRate the probability that a request fails (5xx), in [0, 1]
 * @param latency   the latency of every request
 */
public record Behaviour(double errorRate, Latency latency) {
    /** A latency with a 50 ms median and a 200 ms p99. */
    public static final Latency DEFAULT_LATENCY = Latency.of(Duration.ofMillis(50), Duration.ofMillis(200));

    public Behaviour {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be between 0 and 1 but was " + errorRate);
        }
        java.util.Objects.requireNonNull(latency, "latency == null");
    }

    /** Failing {@code errorRate} of the requests, with {@link #DEFAULT_LATENCY}. */
    public static Behaviour errors(double errorRate) {
        return new Behaviour(errorRate, DEFAULT_LATENCY);
    }

    public Behaviour withLatency(Latency latency) {
        return new Behaviour(errorRate, latency);
    }
}
