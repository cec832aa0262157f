package dev.canary.testkit.prometheus;

import dev.canary.testkit.prometheus.TraefikHistoryWriter.Step;
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
 * A known day of Traefik metrics for the seed canary ({@code demo-canary/podinfo}, port 80; see
 * {@code ContractSpecs.seed()}), to backfill into a Prometheus server with {@link #write} and
 * {@link PrometheusServer#backfilled}: 50 requests per second, scraped every 10 s, and five past releases whose router
 * went to 5 % ten seconds after the start, then 5 more every 10 s up to 50 %, held until 400 s, then sent everything
 * to the primary. The releases are {@link #RELEASES}: {@link #HEALTHY}, {@link #GAP} (a scrape outage),
 * {@link #BURST} (errors), {@link #LATENCY} (slow requests) and {@link #RESET} (counters restarted). From
 * {@link #IDLE_FROM} (21:55) to {@link #IDLE_TO} (23:00) nothing at all is served (a window with no traffic).
 * Errors and slow requests are spread exactly: the first {@code n} canary requests of a release hold
 * {@code floor(n * rate)} of them. Immutable.
 *
 * @param day midnight UTC of the day
 */
public record TraefikDay(Instant day) implements TraefikHistoryWriter.Traffic {
    /** The canary's Traefik service name. */
    public static final String CANARY = "demo-canary-podinfo-canary-80@kubernetescrd";
    /** The primary's Traefik service name. */
    public static final String PRIMARY = "demo-canary-podinfo-primary-80@kubernetescrd";
    /** How often the two services were scraped. */
    public static final Duration SCRAPE = Duration.ofSeconds(10);
    /** The requests of one scrape interval, primary and canary together. */
    public static final long PER_SCRAPE = 500;
    /** The start of the window without any traffic, after midnight. */
    public static final Duration IDLE_FROM = Duration.ofHours(21).plusMinutes(55);
    /** The end of the window without any traffic, after midnight. */
    public static final Duration IDLE_TO = Duration.ofHours(23);

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

    /** 02:00, healthy: 0.1 % errors, 0.5 % slow requests. */
    public static final Incident HEALTHY = new Incident("v1.1-healthy", Duration.ofHours(2), 0.001, 0.005, 0, 600,
            false, false);
    /** 06:00, healthy, with no sample of any series from 50 s to 140 s after the start. */
    public static final Incident GAP = new Incident("v1.2-scrape-outage", Duration.ofHours(6), 0.001, 0.005, 0, 600,
            true, false);
    /** 10:00, 2 % errors from 31 s to 270 s after the start. */
    public static final Incident BURST = new Incident("v1.3-error-burst", Duration.ofHours(10), 0.02, 0.005, 31, 271,
            false, false);
    /** 14:00, a latency regression: 5 % of the canary's requests take 0.7 s (p99 about 1 s). */
    public static final Incident LATENCY = new Incident("v1.4-slow", Duration.ofHours(14), 0.001, 0.05, 0, 600, false,
            false);
    /** 18:00, healthy, with every counter reset 60 s after the start (Traefik restarted). */
    public static final Incident RESET = new Incident("v1.5-counter-reset", Duration.ofHours(18), 0.001, 0.005, 0,
            600, false, true);
    /** The day's releases in time order. */
    public static final List<Incident> RELEASES = List.of(HEALTHY, GAP, BURST, LATENCY, RESET);

    /** Yesterday: well inside Prometheus' retention. */
    public static TraefikDay yesterday() {
        return new TraefikDay(Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)));
    }

    /** The instant {@code offset} after midnight. */
    public Instant at(Duration offset) {
        return day.plus(offset);
    }

    /** When {@code release} started on this day. */
    public Instant at(Incident release) {
        return at(release.start());
    }

    /** Writes the day (and the first sample of the next) as OpenMetrics text into {@code file}, for promtool. */
    public Path write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            TraefikHistoryWriter.write(out, List.of(PRIMARY, CANARY), day, day.plus(Duration.ofDays(1)), SCRAPE,
                    this);
        }
        return file;
    }

    /** What {@code service} served in the scrape ending at {@code time}; {@code null} during the scrape outage. */
    @Override
    public @Nullable Step at(String service, Instant time) {
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
    public static int weight(long since) {
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
