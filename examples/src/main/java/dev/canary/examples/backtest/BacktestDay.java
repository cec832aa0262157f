package dev.canary.examples.backtest;

import dev.canary.prometheus.TraefikHistoryWriter;
import dev.canary.prometheus.TraefikHistoryWriter.Step;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The demo's day of Traefik metrics for the seed canary ({@code demo-canary/podinfo}, port 80): 50 requests per
 * second, scraped every 10 s, and five past releases whose router went to 5 % ten seconds after the start, then 5 more
 * every 10 s up to 50 %, held until 400 s, then sent everything to the primary. The releases:
 * {@link #RELEASES}. From 21:55 to 23:00 nothing at all is served (a window with no traffic). Immutable.
 *
 * @param day midnight UTC of the day
 */
public record BacktestDay(Instant day) {
    public static final String CANARY = "demo-canary-podinfo-canary-80@kubernetescrd";
    public static final String PRIMARY = "demo-canary-podinfo-primary-80@kubernetescrd";
    static final Duration SCRAPE = Duration.ofSeconds(10);
    static final long PER_SCRAPE = 500;
    static final Duration IDLE_FROM = Duration.ofHours(21).plusMinutes(55);
    static final Duration IDLE_TO = Duration.ofHours(23);

    /**
     * One past release of the day.
     *
     * @param name      its name in the output
     * @param start     when it started, after midnight
     * @param errors    the canary's share of 500s while {@code from <= s < to} seconds after the start (else 0.1 %)
     * @param slow      the canary's share of requests taking 0.7 s (else 0.05 s)
     * @param from      the first second of the errors
     * @param to        the second after the errors
     * @param gap       whether nothing was scraped 50 s to 140 s after the start (a scrape outage)
     * @param reset     whether every counter restarted 60 s after the start (Traefik restarted)
     */
    public record Incident(String name, Duration start, double errors, double slow, long from, long to, boolean gap,
            boolean reset) {
    }

    /** The day's releases: two healthy, an error burst, a latency regression, a counter reset. */
    public static final List<Incident> RELEASES = List.of(
            new Incident("v1.1-healthy", Duration.ofHours(2), 0.001, 0.005, 0, 600, false, false),
            new Incident("v1.2-scrape-outage", Duration.ofHours(6), 0.001, 0.005, 0, 600, true, false),
            new Incident("v1.3-error-burst", Duration.ofHours(10), 0.02, 0.005, 31, 271, false, false),
            new Incident("v1.4-slow", Duration.ofHours(14), 0.001, 0.05, 0, 600, false, false),
            new Incident("v1.5-counter-reset", Duration.ofHours(18), 0.001, 0.005, 0, 600, false, true));

    /** Yesterday: well inside Prometheus' retention. */
    public static BacktestDay yesterday() {
        return new BacktestDay(Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)));
    }

    public Instant at(Duration offset) {
        return day.plus(offset);
    }

    /** Writes the day as OpenMetrics text, for {@code promtool}'s backfill. */
    public Path write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            TraefikHistoryWriter.write(out, List.of(PRIMARY, CANARY), day, day.plus(Duration.ofDays(1)), SCRAPE,
                    this::step);
        }
        return file;
    }

    @Nullable Step step(String service, Instant time) {
        long s = time.getEpochSecond() - day.getEpochSecond();
        if (s >= IDLE_FROM.toSeconds() && s < IDLE_TO.toSeconds()) {
            return Step.IDLE;
        }
        Incident release = RELEASES.stream().filter(r -> s >= r.start().toSeconds() && s < r.start().toSeconds() + 600)
                .findFirst().orElse(null);
        long since = release == null ? -1 : s - release.start().toSeconds();
        if (release != null && release.gap() && since >= 50 && since < 140) {
            return null;
        }
        boolean reset = release != null && release.reset() && since == 60;
        long canary = canaryRequests(since);
        if (service.equals(PRIMARY)) {
            return new Step(PER_SCRAPE - canary, 0, 0, reset);
        }
        if (release == null) {
            return new Step(0, 0, 0, false);
        }
        double errors = since >= release.from() && since < release.to() ? release.errors() : 0.001;
        return new Step(canary, spread(since, errors), spread(since, release.slow()), reset);
    }

    /** The router's canary weight during the scrape ending {@code since} seconds after a release's start. */
    static int weight(long since) {
        long setAt = since - 10;
        return setAt < 10 || setAt >= 400 ? 0 : (int) Math.min(50, 5 * (setAt / 10));
    }

    private static long canaryRequests(long since) {
        return PER_SCRAPE * weight(since) / 100;
    }

    /** Errors (or slow requests) in a scrape: the first n canary requests of a release hold floor(n * rate). */
    private static long spread(long since, double rate) {
        long before = 0;
        for (long t = 10; t < since; t += 10) {
            before += canaryRequests(t);
        }
        return (long) Math.floor((before + canaryRequests(since)) * rate) - (long) Math.floor(before * rate);
    }
}
