package dev.canary.examples;

import dev.canary.spi.Durations;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The command-line options of {@link SeedOnKubernetes}. Every option is optional.
 *
 * @param manifest   {@code --manifest}: a Flagger Canary manifest file; null for the bundled seed manifest
 * @param prometheus {@code --prometheus}: the Prometheus base URL; null for the manifest's {@code metricsServer}
 *                   (else the {@code prometheus} provider's default, {@code http://prometheus:9090})
 * @param interval   {@code --interval}: the analysis interval instead of the manifest's (at least 1 s); null keeps
 *                   the manifest's
 * @param loadUrl    {@code --load-url}: where the manifest's {@code hey} load test sends its requests instead (such
 *                   as Traefik's entry point, so that Traefik's metrics count them); null keeps the command's URL
 * @param loadHost   {@code --load-host}: the {@code Host} header of those requests (the IngressRoute's host)
 * @param help       {@code --help}
 */
public record ClusterOptions(@Nullable Path manifest, @Nullable String prometheus, @Nullable Duration interval,
        @Nullable URI loadUrl, @Nullable String loadHost, boolean help) {
    /** The shortest {@code --interval}. */
    public static final Duration MINIMUM_INTERVAL = Duration.ofSeconds(1);

    public static final String USAGE = String.join("\n",
            "Usage: SeedOnKubernetes [options]",
            "Runs a Flagger Canary manifest (the seed manifest unless --manifest is given) against the cluster of the",
            "current kubeconfig context (KUBECONFIG, ~/.kube/config, or in-cluster), with the Kubernetes target, the",
            "Traefik router and Prometheus, keeping the run state in a ConfigMap and holding a Lease per canary.",
            "The run waits for a new revision of the target Deployment: change its image to start it.",
            "",
            "  --manifest PATH      a Flagger Canary manifest (default: the bundled seed manifest)",
            "  --prometheus URL     Prometheus base URL (default: the manifest's metricsServer, else",
            "                       http://prometheus:9090, which resolves only inside the cluster)",
            "  --interval DURATION  analysis interval instead of the manifest's, such as 2s (at least 1s)",
            "  --load-url URL       send the manifest's hey load test here instead, such as Traefik's entry point",
            "  --load-host HOST     Host header of those requests, such as podinfo.example.com",
            "  --help               print this help",
            "",
            "Exit code: 0 when the canary was promoted (Succeeded), 1 when rolled back (Failed), 2 for bad options",
            "or a bad manifest, 3 when the run could not go on.");

    /**
     * Parses {@code args} ({@code --name value} or {@code --name=value}; blank arguments are ignored).
     *
     * @throws IllegalArgumentException listing every problem, one per line
     */
    public static ClusterOptions parse(String... args) {
        List<String> problems = new ArrayList<>();
        Path manifest = null;
        String prometheus = null;
        Duration interval = null;
        URI loadUrl = null;
        String loadHost = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i].strip();
            if (arg.isEmpty()) {
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                    : i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i].strip() : null;
            if (!List.of("--manifest", "--prometheus", "--interval", "--load-url", "--load-host").contains(name)) {
                problems.add("unknown option " + name);
            } else if (value == null || value.isEmpty()) {
                problems.add("option " + name + " needs a value");
            } else {
                switch (name) {
                    case "--manifest" -> manifest = manifest(value, problems);
                    case "--prometheus" -> prometheus = httpUrl(name, value, problems) == null ? null : value;
                    case "--interval" -> interval = interval(value, problems);
                    case "--load-url" -> loadUrl = httpUrl(name, value, problems);
                    default -> loadHost = value;
                }
            }
        }
        if (loadHost != null && loadUrl == null) {
            problems.add("--load-host needs --load-url");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new ClusterOptions(manifest, prometheus, interval, loadUrl, loadHost, help);
    }

    private static @Nullable Path manifest(String value, List<String> problems) {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            problems.add("--manifest: there is no file " + path.toAbsolutePath());
            return null;
        }
        return path;
    }

    private static @Nullable URI httpUrl(String name, String value, List<String> problems) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        problems.add(name + " must be an http or https URL but was '" + value + "'");
        return null;
    }

    private static @Nullable Duration interval(String value, List<String> problems) {
        try {
            Duration interval = Durations.parse(value);
            if (interval.compareTo(MINIMUM_INTERVAL) >= 0) {
                return interval;
            }
            problems.add("--interval must be at least 1s but was " + value);
        } catch (IllegalArgumentException e) {
            problems.add("--interval must be a duration such as 2s or 1m but was '" + value + "'");
        }
        return null;
    }
}
