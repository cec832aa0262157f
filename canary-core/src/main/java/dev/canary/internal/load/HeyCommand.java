package dev.canary.internal.load;

import dev.canary.LoadTest;
import dev.canary.spi.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps a {@code hey} command line to a {@link LoadTest}: {@code -z} duration (then {@code -n} is ignored),
 * {@code -q} rate per worker (the total is {@code q * c}), {@code -c} workers (default 50), {@code -n} requests
 * (default 200), {@code -m} method, {@code -H "Name: value"} (repeatable), {@code -A} accept, {@code -d} body,
 * {@code -T} content type, {@code -t} timeout in seconds (default 20, 0 = none) and the URL. Other flags are
 * rejected. Stateless.
 */
public final class HeyCommand {
    static final Set<String> SUPPORTED = Set.of("z", "q", "c", "n", "m", "H", "A", "d", "T", "t", "host");
    private static final int DEFAULT_CONCURRENCY = 50;
    private static final long DEFAULT_REQUESTS = 200;

    private HeyCommand() {
    }

    /** Whether {@code program} (the first word of a command) is hey, by name or path. */
    public static boolean isHey(String program) {
        return program.equals("hey") || program.endsWith("/hey");
    }

    /** @throws IllegalArgumentException naming what is wrong and what is supported */
    public static LoadTest parse(String commandLine) {
        return parse(CommandLine.split(commandLine));
    }

    /** @throws IllegalArgumentException naming what is wrong and what is supported */
    public static LoadTest parse(List<String> argv) {
        if (argv.isEmpty() || !isHey(argv.get(0))) {
            throw new IllegalArgumentException("not a hey command: " + argv);
        }
        Flags flags = new Flags();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            String name = arg.replaceFirst("^--?", "");
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!SUPPORTED.contains(name)) {
                throw new IllegalArgumentException("hey flag -" + name + " is not supported by the built-in load "
                        + "generator (supported: -z -q -c -n -m -H -A -d -T -t -host and the URL); remove it, or run "
                        + "the real hey with CanaryRun.builder().allowCommands(\"hey\")");
            }
            if (value == null) {
                if (i + 1 >= argv.size()) {
                    throw new IllegalArgumentException("hey flag -" + name + " needs a value");
                }
                value = argv.get(++i);
            }
            flags.set(name, value);
        }
        if (positional.size() != 1) {
            throw new IllegalArgumentException("a hey command needs exactly one URL but had " + positional.size()
                    + (positional.isEmpty() ? "" : ": " + positional));
        }
        try {
            return flags.toLoadTest(URI.create(positional.get(0)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hey command " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
    }

    private static final class Flags {
        private @Nullable Duration duration;
        private double perWorker;
        private int concurrency = DEFAULT_CONCURRENCY;
        private long requests = DEFAULT_REQUESTS;
        private String method = "GET";
        private final Map<String, String> headers = new java.util.LinkedHashMap<>();
        private String body = "";
        private String contentType = "text/html";
        private Duration timeout = LoadTest.DEFAULT_REQUEST_TIMEOUT;

        void set(String name, String value) {
            switch (name) {
                case "z" -> duration = Durations.parse(value);
                case "q" -> perWorker = number(name, value);
                case "c" -> concurrency = (int) Math.min(Integer.MAX_VALUE, whole(name, value));
                case "n" -> requests = whole(name, value);
                case "m" -> method = value;
                case "H" -> header(value);
                case "A" -> headers.put("Accept", value);
                case "host" -> headers.put("Host", value);
                case "d" -> body = value;
                case "T" -> contentType = value;
                default -> {
                    long seconds = whole(name, value);
                    timeout = seconds == 0 ? LoadTest.MAX_DURATION : Duration.ofSeconds(seconds);
                }
            }
        }

        private void header(String value) {
            int colon = value.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("hey -H needs \"Name: value\" but was \"" + value + "\"");
            }
            headers.put(value.substring(0, colon).trim(), value.substring(colon + 1).trim());
        }

        LoadTest toLoadTest(URI url) {
            if (duration == null && requests < concurrency) {
                throw new IllegalArgumentException("-n " + requests + " must not be smaller than -c " + concurrency
                        + " (as in hey)");
            }
            LoadTest.Builder b = LoadTest.builder(url).method(method).body(body).concurrency(concurrency)
                    .ratePerSecond(perWorker * concurrency).requestTimeout(timeout)
                    .duration(duration != null ? duration : LoadTest.MAX_DURATION)
                    .maxRequests(duration != null ? 0 : requests);
            if (!body.isEmpty() && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                b.header("Content-Type", contentType);
            }
            headers.forEach(b::header);
            return b.build();
        }

        private static double number(String name, String value) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hey -" + name + " needs a number but was \"" + value + "\"");
            }
        }

        private static long whole(String name, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hey -" + name + " needs a whole number but was \"" + value
                        + "\"");
            }
        }
    }
}
