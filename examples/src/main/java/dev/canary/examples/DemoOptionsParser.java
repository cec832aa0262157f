package dev.canary.examples;

import dev.canary.spi.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses the command line of {@link LocalDemo} into {@link DemoOptions}, or into {@link ManifestDemoOptions} when
 * it has {@code --manifest}, collecting every problem (in argument order) before failing.
 */
final class DemoOptionsParser {
    private static final List<String> KNOWN = List.of("--scenario", "--interval", "--step-weight", "--max-weight",
            "--threshold", "--error-rate", "--latency-ms", "--rps", "--manifest");
    /** Options a manifest sets itself, with the field that sets it. */
    private static final List<List<String>> FROM_MANIFEST = List.of(List.of("--step-weight", "analysis.stepWeight"),
            List.of("--max-weight", "analysis.maxWeight"), List.of("--threshold", "analysis.threshold"),
            List.of("--rps", "the -q and -c of its hey load test"));

    private final List<String> problems = new ArrayList<>();
    private final Set<String> given = new LinkedHashSet<>();
    private Scenario scenario = Scenario.HEALTHY;
    private @Nullable Duration interval;
    private int step = DemoOptions.DEFAULT_STEP_WEIGHT;
    private int max = DemoOptions.DEFAULT_MAX_WEIGHT;
    private int threshold = DemoOptions.DEFAULT_THRESHOLD;
    private @Nullable Double errorPercent;
    private long latency;
    private int rps = DemoOptions.DEFAULT_RPS;
    private @Nullable String manifest;
    private boolean help;

    private Duration defaultInterval = DemoOptions.DEFAULT_INTERVAL;

    DemoOptionsParser(List<String> args) {
        read(args);
    }

    /** A parser whose {@code --interval} defaults to {@code defaultInterval} instead of the local demo's. */
    DemoOptionsParser(List<String> args, Duration defaultInterval) {
        this(args);
        this.defaultInterval = defaultInterval;
    }

    /** Whether the command line asks to run a manifest. */
    boolean hasManifest() {
        return given.contains("--manifest");
    }

    DemoOptions parse() {
        if (hasManifest()) {
            problems.add("--manifest runs a manifest: read such a command line with ManifestDemoOptions.parse");
        }
        Duration tick = interval != null ? interval : defaultInterval;
        double errors = errors();
        problems.addAll(DemoOptions.problems(tick, step, max, threshold, errors, latency, rps));
        failOnProblems();
        return new DemoOptions(scenario, tick, step, max, threshold, errors, latency, rps, help);
    }

    ManifestDemoOptions parseManifest() {
        for (List<String> option : FROM_MANIFEST) {
            if (given.contains(option.get(0))) {
                problems.add(option.get(0) + " does not apply with --manifest: the manifest sets it ("
                        + option.get(1) + "); edit the manifest instead");
            }
        }
        double errors = errors();
        problems.addAll(ManifestDemoOptions.problems(manifest == null ? "" : manifest, interval, errors, latency));
        failOnProblems();
        return new ManifestDemoOptions(manifest == null ? "" : manifest, interval, scenario, errors, latency, help);
    }

    private double errors() {
        return errorPercent != null ? errorPercent : scenario.defaultErrorPercent();
    }

    private void failOnProblems() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    private void read(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i).strip();
            if (arg.isEmpty()) {
                continue; // such as -Dexec.args="" from a script given no options
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
                continue;
            }
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                    : i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? args.get(++i) : null;
            if (!KNOWN.contains(name)) {
                problems.add("unknown option " + name);
            } else if (value == null) {
                problems.add("option " + name + " needs a value");
            } else {
                given.add(name);
                set(name, value);
            }
        }
    }

    private void set(String name, String value) {
        switch (name) {
            case "--scenario" -> scenario = scenario(value, scenario);
            case "--interval" -> interval = interval(value, interval);
            case "--step-weight" -> step = (int) number(name, value, step);
            case "--max-weight" -> max = (int) number(name, value, max);
            case "--threshold" -> threshold = (int) number(name, value, threshold);
            case "--error-rate" -> errorPercent = decimal(name, value);
            case "--latency-ms" -> latency = number(name, value, latency);
            case "--manifest" -> manifest = value.strip();
            default -> rps = (int) number(name, value, rps);
        }
    }

    private Scenario scenario(String value, Scenario fallback) {
        try {
            return Scenario.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("--scenario must be healthy or faulty but was '" + value + "'");
            return fallback;
        }
    }

    private @Nullable Duration interval(String value, @Nullable Duration fallback) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add("--interval must be a duration such as 2s or 1m but was '" + value + "'");
            return fallback;
        }
    }

    private long number(String name, String value, long fallback) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number but was '" + value + "'");
            return fallback;
        }
    }

    private @Nullable Double decimal(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            problems.add(name + " must be a number but was '" + value + "'");
            return null;
        }
    }
}
