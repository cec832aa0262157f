package dev.canary.examples;

import dev.canary.examples.demo.PrometheusServer;
import dev.canary.prometheus.PrometheusException;
import dev.canary.prometheus.PrometheusMetricsProvider;
import dev.canary.prometheus.QueryResult;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spi.MetricQuery;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Prometheus half of {@link PrometheusDemo}: a real Prometheus server scraping the demo proxy's
 * {@code /metrics}, and the {@link PrometheusMetricsProvider} that asks it the builtin Traefik checks (service
 * names after Traefik's Kubernetes CRD naming, as the proxy labels its metrics). {@link #close()} closes the
 * provider and stops the server. Thread-safe.
 */
final class DemoPrometheus implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final PrometheusServer server;
    private final PrometheusMetricsProvider provider;
    private final Clock clock;

    private DemoPrometheus(PrometheusServer server, PrometheusMetricsProvider provider, Clock clock) {
        this.server = server;
        this.provider = provider;
        this.clock = clock;
    }

    /** Starts a server scraping {@code metrics} and a provider asking it at {@code clock}'s time. */
    static DemoPrometheus start(URI metrics, Clock clock) {
        PrometheusServer server = PrometheusServer.start(metrics);
        try {
            return new DemoPrometheus(server, PrometheusMetricsProvider.builder().address(server.uri().toString())
                    .clock(clock).build(), clock);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    PrometheusServer server() {
        return server;
    }

    PrometheusMetricsProvider provider() {
        return provider;
    }

    /**
     * Waits until Prometheus has scraped the target successfully ({@code up == 1}).
     *
     * @throws IllegalStateException when it has not within {@code timeout}, naming the last answer
     */
    void awaitFirstScrape(Duration timeout) {
        String up = "up{job=\"" + PrometheusServer.JOB + "\"}";
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() - deadline < 0) {
            try {
                QueryResult result = provider.queryInstant(up, clock.instant());
                if (result instanceof QueryResult.Vector v && v.samples().size() == 1
                        && v.samples().get(0).sample().value() == 1) {
                    return;
                }
                last = result.toString();
            } catch (PrometheusException e) {
                last = e.getMessage();
            }
            pause();
        }
        throw new IllegalStateException("Prometheus at " + server.uri() + " did not scrape the demo proxy within "
                + timeout.toSeconds() + " s (" + up + ": " + last + ")");
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Prometheus' first scrape", e);
        }
    }

    /** The PromQL the provider sends for every check of {@code spec}, as printable lines. */
    List<String> describeQueries(CanarySpec spec) {
        List<String> lines = new ArrayList<>();
        for (MetricCheck check : spec.analysis().metrics()) {
            List<String> queries = provider.queriesFor(MetricQuery.canary(spec, check));
            lines.add("  " + check.name() + ": " + queries.get(0));
            queries.stream().skip(1).forEach(q -> lines.add("    samples: " + q));
        }
        return lines;
    }

    @Override
    public void close() {
        try {
            provider.close();
        } finally {
            server.close();
        }
    }
}
