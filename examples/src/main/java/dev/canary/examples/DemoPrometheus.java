package dev.canary.examples;

import dev.canary.testkit.prometheus.PrometheusServer;
import dev.canary.prometheus.PrometheusException;
import dev.canary.prometheus.PrometheusMetricsProvider;
import dev.canary.prometheus.QueryResult;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spi.Durations;
import dev.canary.spi.MetricQuery;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Prometheus half of {@link PrometheusDemo}, as its {@link DemoMetrics}: a real Prometheus server scraping the
 * demo proxy's {@code /metrics}, and the {@link PrometheusMetricsProvider} that asks it the builtin Traefik checks
 * (service names after Traefik's Kubernetes CRD naming, as the proxy labels its metrics), timed per query. Before
 * the run it prints the PromQL, after it the wall time of each tick's queries. {@link #close()} closes the
 * provider and stops the server. Thread-safe.
 */
final class DemoPrometheus implements DemoMetrics {
    private static final Duration POLL = Duration.ofMillis(200);

    private final PrometheusServer server;
    private final URI scraped;
    private final PrometheusMetricsProvider provider;
    private final TimedMetricsProvider timed;
    private final Clock clock;

    private DemoPrometheus(PrometheusServer server, URI scraped, PrometheusMetricsProvider provider, Clock clock) {
        this.server = server;
        this.scraped = scraped;
        this.provider = provider;
        this.timed = new TimedMetricsProvider(provider, System::nanoTime);
        this.clock = clock;
    }

    /** Starts a server scraping {@code metrics} and a provider asking it at {@code clock}'s time. */
    static DemoPrometheus start(URI metrics, Clock clock) {
        PrometheusServer server = PrometheusServer.start(metrics);
        try {
            return new DemoPrometheus(server, metrics, PrometheusMetricsProvider.builder()
                    .address(server.uri().toString()).clock(clock).build(), clock);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * {@link #start}s, then {@link #awaitFirstScrape}s.
     *
     * @throws IllegalStateException when Prometheus cannot run, or has not scraped {@code metrics} in time
     */
    static DemoPrometheus scraping(URI metrics, Clock clock, Duration timeout) {
        DemoPrometheus prometheus = start(metrics, clock);
        try {
            prometheus.awaitFirstScrape(timeout);
            return prometheus;
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
    }

    PrometheusServer server() {
        return server;
    }

    /** The Prometheus provider, timing every query for {@link #report}. */
    @Override
    public TimedMetricsProvider provider() {
        return timed;
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

    /** Prints where Prometheus listens and what it scrapes, then the PromQL every analysed tick sends. */
    @Override
    public void describe(CanarySpec spec, PrintStream out) {
        out.printf("Prometheus %s scrapes %s every %s; PromQL sent every tick:%n", server.uri(), scraped,
                Durations.format(PrometheusServer.SCRAPE_INTERVAL));
        describeQueries(spec).forEach(out::println);
    }

    /** Prints the {@link #timing} of the ticks' queries so far. */
    @Override
    public void report(CanarySpec spec, PrintStream out) {
        out.println(timing(timed.tickTimes(spec.analysis().interval().dividedBy(2)), spec));
    }

    /** One line: the median and longest wall time of the ticks' metric queries. */
    static String timing(List<Duration> ticks, CanarySpec spec) {
        if (ticks.isEmpty()) {
            return "no tick queried Prometheus";
        }
        List<Duration> sorted = ticks.stream().sorted().toList();
        int checks = spec.analysis().metrics().size();
        return String.format(Locale.ROOT, "Prometheus answered the %d checks (%d queries, sent concurrently)"
                + " of %d ticks in %.1f ms median, %.1f ms at most", checks, 2 * checks, ticks.size(),
                sorted.get(sorted.size() / 2).toNanos() / 1e6, sorted.get(sorted.size() - 1).toNanos() / 1e6);
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
