package dev.canary.examples;

import dev.canary.spi.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command-line options of {@link LocalDemo}, with their defaults.
 *
 * @param scenario     {@code --scenario healthy|faulty}, default healthy
 * @param interval     {@code --interval}, time between ticks, default {@link #DEFAULT_INTERVAL}
 * @param stepWeight   {@code --step-weight}, percent added per passing tick, default {@value #DEFAULT_STEP_WEIGHT}
 * @param maxWeight    {@code --max-weight}, the canary weight ceiling, default {@value #DEFAULT_MAX_WEIGHT}
 * @param threshold    {@code --threshold}, failed checks that roll back, default {@value #DEFAULT_THRESHOLD}
 * @param errorPercent {@code --error-rate}, percent of canary requests answered HTTP 500; default 0 for healthy,
 *                     {@value #FAULTY_ERROR_PERCENT} for faulty
 * @param latencyMs    {@code --latency-ms}, milliseconds the canary adds to every response, default 0
 * @param rps          {@code --rps}, requests per second sent through the proxy, default {@value #DEFAULT_RPS}
 * @param help         {@code --help}: print the usage and exit
 */
public record DemoOptions(Scenario scenario, Duration interval, int stepWeight, int maxWeight, int threshold,
        double errorPercent, long latencyMs, int rps, boolean help) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    public static final int DEFAULT_STEP_WEIGHT = 10;
    public static final int DEFAULT_MAX_WEIGHT = 50;
    public static final int DEFAULT_THRESHOLD = 3;
    public static final double FAULTY_ERROR_PERCENT = 10;
    public static final int DEFAULT_RPS = 50;

    public static final String USAGE = String.join("\n",
            "Usage: LocalDemo [options]",
            "Runs a whole canary release on 127.0.0.1: a primary (v1) and a canary (v2) HTTP service behind a",
            "weighted proxy, load sent through it, and a canary run judging the canary on what the proxy saw.",
            "",
            "  --scenario healthy|faulty  healthy: v2 behaves like v1 and is promoted; faulty: v2 answers",
            "                             " + (int) FAULTY_ERROR_PERCENT + " % HTTP 500 and is rolled back"
                    + " (default healthy)",
            "  --interval DURATION        time between ticks, such as 2s or 1m (default 2s, at least 1s)",
            "  --step-weight PERCENT      canary weight added per passing tick (default " + DEFAULT_STEP_WEIGHT + ")",
            "  --max-weight PERCENT       canary weight ceiling before promotion (default " + DEFAULT_MAX_WEIGHT + ")",
            "  --threshold N              failed checks that roll back (default " + DEFAULT_THRESHOLD + ")",
            "  --error-rate PERCENT       share of canary requests answered HTTP 500 (default by scenario)",
            "  --latency-ms MILLIS        latency the canary adds to every response (default 0; above 500 fails)",
            "  --rps N                    requests per second sent through the proxy (default " + DEFAULT_RPS + ")",
            "  --manifest PATH|seed       run a Flagger Canary manifest on the demo stack instead (seed: the bundled",
            "                             seed manifest); it sets the steps, threshold, checks and load, so only",
            "                             --scenario, --interval (default: the manifest's), --error-rate and",
            "                             --latency-ms apply",
            "  --help                     print this help",
            "",
            "Exit code: 0 when the canary was promoted (Succeeded), 1 when rolled back (Failed), 2 for bad options,",
            "3 when the run did not end in time or could not go on.");

    public DemoOptions {
        Objects.requireNonNull(scenario, "scenario == null");
        Objects.requireNonNull(interval, "interval == null");
        List<String> problems = problems(interval, stepWeight, maxWeight, threshold, errorPercent, latencyMs, rps);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /** Every value out of its range, each naming the option, what it accepts and the value given. */
    static List<String> problems(Duration interval, int stepWeight, int maxWeight, int threshold,
            double errorPercent, long latencyMs, int rps) {
        List<String> problems = new ArrayList<>();
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("--interval must be at least 1s but was " + Durations.format(interval));
        }
        range(problems, "--step-weight", stepWeight, 1, 100);
        range(problems, "--max-weight", maxWeight, 1, 100);
        range(problems, "--threshold", threshold, 1, 1000);
        if (!(errorPercent >= 0 && errorPercent <= 100)) {
            problems.add("--error-rate must be between 0 and 100 but was " + errorPercent);
        }
        range(problems, "--latency-ms", latencyMs, 0, 60_000);
        range(problems, "--rps", rps, 1, 1000);
        if (stepWeight > maxWeight) {
            problems.add("--step-weight " + stepWeight + " must not be above --max-weight " + maxWeight);
        }
        return problems;
    }

    private static void range(List<String> problems, String option, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(option + " must be between " + min + " and " + max + " but was " + value);
        }
    }

    /** The defaults of {@code scenario}. */
    public static DemoOptions defaults(Scenario scenario) {
        return new DemoOptions(scenario, DEFAULT_INTERVAL, DEFAULT_STEP_WEIGHT, DEFAULT_MAX_WEIGHT, DEFAULT_THRESHOLD,
                scenario.defaultErrorPercent(), 0, DEFAULT_RPS, false);
    }

    /**
     * Parses {@code --name value} and {@code --name=value} options.
     *
     * @throws IllegalArgumentException listing every problem, each naming the option and what it accepts
     */
    public static DemoOptions parse(String... args) {
        return new DemoOptionsParser(List.of(args)).parse();
    }
}
