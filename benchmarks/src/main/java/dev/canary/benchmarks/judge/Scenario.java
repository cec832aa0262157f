package dev.canary.benchmarks.judge;

import dev.canary.simulation.Behaviour;
import dev.canary.simulation.Latency;
import dev.canary.simulation.Traffic;
import java.util.List;

/**
 * One simulated release of the benchmark: its traffic, and whether its canary should be rolled back.
 *
 * @param name    the row's name
 * @param traffic the simulated traffic
 * @param bad     whether the canary is worse than the spec allows (for reading the table; not used to judge)
 */
record Scenario(String name, Traffic traffic, boolean bad) {
    static final double SEED_RATE = 20;
    static final double HIGH_RATE = 200;
    static final double BASELINE_ERRORS = 0.005;

    /** The rows, in the order of issue 12's table. */
    static List<Scenario> all() {
        Latency primaryLatency = Behaviour.DEFAULT_LATENCY;
        return List.of(
                new Scenario("aa", Traffic.builder().requestsPerSecond(HIGH_RATE)
                        .primary(Behaviour.errors(BASELINE_ERRORS)).canary(Behaviour.errors(BASELINE_ERRORS))
                        .build(), false),
                errors("errors-0.5", 0.005, false),
                errors("errors-0.8", 0.008, false),
                errors("errors-2", 0.02, true),
                errors("errors-5", 0.05, true),
                errors("errors-10", 0.10, true),
                new Scenario("relative-0.1-0.5", Traffic.builder().requestsPerSecond(HIGH_RATE)
                        .primary(Behaviour.errors(0.001)).canary(Behaviour.errors(0.005)).build(), true),
                new Scenario("latency-p99+30", Traffic.builder().requestsPerSecond(HIGH_RATE)
                        .primary(Behaviour.errors(0.001))
                        .canary(Behaviour.errors(0.001).withLatency(primaryLatency.scaled(1.3))).build(), true));
    }

    /** At the seed configuration's 20 requests/s, the primary at 0.5 % errors, the canary at {@code rate}. */
    private static Scenario errors(String name, double rate, boolean bad) {
        return new Scenario(name, Traffic.builder().requestsPerSecond(SEED_RATE)
                .primary(Behaviour.errors(BASELINE_ERRORS)).canary(Behaviour.errors(rate)).build(), bad);
    }
}
