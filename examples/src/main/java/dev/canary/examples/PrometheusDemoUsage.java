package dev.canary.examples;

import dev.canary.spi.Durations;
import java.util.ArrayList;
import java.util.List;

/** The usage text of {@link PrometheusDemo}: its own description and interval, the other options as LocalDemo's. */
final class PrometheusDemoUsage {
    private PrometheusDemoUsage() {
    }

    static String text() {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: PrometheusDemo [options]",
                "Runs the local demo's canary release on 127.0.0.1 with its metrics read from a real Prometheus",
                "server: a primary (v1) and a canary (v2) behind a weighted proxy that serves Traefik's metrics,",
                "Prometheus scraping the proxy every second, and a canary run judging v2 with Flagger's builtin",
                "Traefik queries. Needs the prometheus binary: $PROMETHEUS_BIN or 'prometheus' on the PATH",
                "(apt-get install prometheus).",
                ""));
        boolean options = false;
        for (String line : DemoOptions.USAGE.split("\n")) {
            options = options || line.startsWith("  -");
            if (options && line.isBlank()) {
                break; // the options end with a blank line, before LocalDemo's exit codes
            }
            if (line.startsWith("  --interval ")) {
                lines.add("  --interval DURATION        time between ticks, such as 4s or 1m (default "
                        + Durations.format(PrometheusDemo.DEFAULT_INTERVAL) + ", at least "
                        + Durations.format(PrometheusDemo.MIN_INTERVAL) + ")");
            } else if (options) {
                lines.add(line);
            }
        }
        lines.add("");
        lines.add("Exit code: 0 when the canary was promoted (Succeeded), 1 when rolled back (Failed), 2 for bad");
        lines.add("options, 3 when the demo could not run (no prometheus binary, no scrape) or the run did not end in");
        lines.add("time.");
        return String.join("\n", lines);
    }
}
