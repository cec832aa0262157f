package dev.canary.examples;

import dev.canary.spi.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The command-line options of {@link ManifestDemo} ({@code LocalDemo --manifest ...}). The manifest sets the
 * steps, the threshold, the checks and the load; the options choose the manifest, may speed it up, and say how
 * the new revision behaves.
 *
 * @param manifest     {@code --manifest}: the path of a Flagger Canary manifest, or {@value DemoManifest#SEED}
 *                     for the bundled seed manifest
 * @param interval     {@code --interval}: replaces the manifest's {@code analysis.interval} (at least 1s); null
 *                     keeps the manifest's
 * @param scenario     {@code --scenario}, default healthy
 * @param errorPercent {@code --error-rate}: percent of canary requests answered HTTP 500; default by scenario
 * @param latencyMs    {@code --latency-ms}: milliseconds the canary adds to every response, default 0
 * @param help         {@code --help}: print the usage and exit
 */
public record ManifestDemoOptions(String manifest, @Nullable Duration interval, Scenario scenario,
        double errorPercent, long latencyMs, boolean help) {

    public ManifestDemoOptions {
        Objects.requireNonNull(manifest, "manifest == null");
        Objects.requireNonNull(scenario, "scenario == null");
        List<String> problems = problems(manifest, interval, errorPercent, latencyMs);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /** The defaults of {@code scenario} for {@code manifest}, at the manifest's own interval. */
    public static ManifestDemoOptions of(String manifest, Scenario scenario) {
        return new ManifestDemoOptions(manifest, null, scenario, scenario.defaultErrorPercent(), 0, false);
    }

    /** These options with {@code interval} instead of the manifest's. */
    public ManifestDemoOptions withInterval(Duration interval) {
        return new ManifestDemoOptions(manifest, interval, scenario, errorPercent, latencyMs, help);
    }

    /**
     * Parses a command line with {@code --manifest}; the options the manifest sets ({@code --step-weight},
     * {@code --max-weight}, {@code --threshold}, {@code --rps}) are refused.
     *
     * @throws IllegalArgumentException listing every problem, each naming the option and what it accepts
     */
    public static ManifestDemoOptions parse(String... args) {
        return new DemoOptionsParser(List.of(args)).parseManifest();
    }

    static List<String> problems(String manifest, @Nullable Duration interval, double errorPercent,
            long latencyMs) {
        List<String> problems = new ArrayList<>();
        if (manifest.isBlank()) {
            problems.add("--manifest needs the path of a Canary manifest, or " + DemoManifest.SEED);
        }
        if (interval != null && interval.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("--interval must be at least 1s but was " + Durations.format(interval));
        }
        if (!(errorPercent >= 0 && errorPercent <= 100)) {
            problems.add("--error-rate must be between 0 and 100 but was " + errorPercent);
        }
        if (latencyMs < 0 || latencyMs > 60_000) {
            problems.add("--latency-ms must be between 0 and 60000 but was " + latencyMs);
        }
        return problems;
    }
}
