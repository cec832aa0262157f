package dev.canary.examples;

import dev.canary.spi.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Parses the command line of {@link LocalDemo} into {@link DemoOptions}, collecting every problem before failing. */
final class DemoOptionsParser {
    private final List<String> args;
    private final Duration defaultInterval;
    private final List<String> problems = new ArrayList<>();

    DemoOptionsParser(List<String> args) {
        this(args, DemoOptions.DEFAULT_INTERVAL);
    }

    /** A parser whose {@code --interval} defaults to {@code defaultInterval} instead of the local demo's. */
    DemoOptionsParser(List<String> args, Duration defaultInterval) {
        this.args = args;
        this.defaultInterval = defaultInterval;
    }

    DemoOptions parse() {
        Scenario scenario = Scenario.HEALTHY;
        Duration interval = defaultInterval;
        int step = DemoOptions.DEFAULT_STEP_WEIGHT;
        int max = DemoOptions.DEFAULT_MAX_WEIGHT;
        int threshold = DemoOptions.DEFAULT_THRESHOLD;
        @Nullable Double errorPercent = null;
        long latency = 0;
        int rps = DemoOptions.DEFAULT_RPS;
        boolean help = false;
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
                continue;
            }
            if (value == null) {
                problems.add("option " + name + " needs a value");
                continue;
            }
            switch (name) {
                case "--scenario" -> scenario = scenario(value, scenario);
                case "--interval" -> interval = interval(value, interval);
                case "--step-weight" -> step = (int) number(name, value, step);
                case "--max-weight" -> max = (int) number(name, value, max);
                case "--threshold" -> threshold = (int) number(name, value, threshold);
                case "--error-rate" -> errorPercent = decimal(name, value);
                case "--latency-ms" -> latency = number(name, value, latency);
                default -> rps = (int) number(name, value, rps);
            }
        }
        double errors = errorPercent != null ? errorPercent : scenario.defaultErrorPercent();
        problems.addAll(DemoOptions.problems(interval, step, max, threshold, errors, latency, rps));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new DemoOptions(scenario, interval, step, max, threshold, errors, latency, rps, help);
    }

    private static final List<String> KNOWN = List.of("--scenario", "--interval", "--step-weight", "--max-weight",
            "--threshold", "--error-rate", "--latency-ms", "--rps");

    private Scenario scenario(String value, Scenario fallback) {
        try {
            return Scenario.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("--scenario must be healthy or faulty but was '" + value + "'");
            return fallback;
        }
    }

    private Duration interval(String value, Duration fallback) {
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
