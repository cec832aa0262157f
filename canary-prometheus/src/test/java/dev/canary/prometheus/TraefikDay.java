package dev.canary.prometheus;

import dev.canary.prometheus.TraefikHistoryWriter.Step;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A known day of Traefik metrics for the seed canary ({@code demo-canary/podinfo}): 50 requests per second all day,
 * scraped every 10 s, and five releases whose router went 5 % -> 50 % in steps of 5 every 10 s (from 10 s after the
 * release's start), held 50 % until 400 s, then sent everything to the primary:
 * <ul>
 *   <li>02:00 healthy (0.1 % errors, 0.5 % slow);</li>
 *   <li>06:00 healthy, with a scrape outage from 50 s to 140 s after the start (no sample of any series);</li>
 *   <li>10:00 a 2 % error burst from 30 s to 270 s after the start;</li>
 *   <li>14:00 a latency regression: 5 % of the canary's requests take 0.7 s (p99 about 1 s);</li>
 *   <li>18:00 healthy, with every counter reset 60 s after the start (Traefik restarted).</li>
 * </ul>
 * From 21:55 to 23:00 nothing is served at all (a window with no traffic). Errors and slow requests are spread
 * exactly: the first {@code n} of a release's canary requests hold {@code floor(n * rate)} of them.
 */
final class TraefikDay implements TraefikHistoryWriter.Traffic {
    static final String CANARY = "demo-canary-podinfo-canary-80@kubernetescrd";
    static final String PRIMARY = "demo-canary-podinfo-primary-80@kubernetescrd";
    static final Duration SCRAPE = Duration.ofSeconds(10);
    static final long PER_SCRAPE = 500;
    static final Duration HEALTHY = Duration.ofHours(2);
    static final Duration GAP = Duration.ofHours(6);
    static final Duration BURST = Duration.ofHours(10);
    static final Duration LATENCY = Duration.ofHours(14);
    static final Duration RESET = Duration.ofHours(18);
    static final Duration IDLE_FROM = Duration.ofHours(21).plusMinutes(55);
    static final Duration IDLE_TO = Duration.ofHours(23);
    static final List<Duration> RELEASES = List.of(HEALTHY, GAP, BURST, LATENCY, RESET);

    final Instant day;

    /** The day starting at {@code day} (midnight UTC). */
    TraefikDay(Instant day) {
        this.day = day;
    }

    /** Yesterday, so the blocks are well inside Prometheus' retention. */
    static TraefikDay yesterday() {
        return new TraefikDay(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(1)));
    }

    Instant at(Duration offset) {
        return day.plus(offset);
    }

    /** Writes the day (and the first minutes of the next) as OpenMetrics text into {@code file}. */
    Path write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            TraefikHistoryWriter.write(out, List.of(PRIMARY, CANARY), day, day.plus(Duration.ofHours(24)), SCRAPE,
                    this);
        }
        return file;
    }

    @Override
    public @Nullable Step at(String service, Instant time) {
        long s = time.getEpochSecond() - day.getEpochSecond();
        if (s >= IDLE_FROM.toSeconds() && s < IDLE_TO.toSeconds()) {
            return Step.IDLE;
        }
        Duration release = release(s);
        long since = release == null ? -1 : s - release.toSeconds();
        if (release == GAP && since >= 50 && since < 140) {
            return null;
        }
        boolean reset = release == RESET && since == 60;
        long canary = canaryRequests(since);
        if (service.equals(PRIMARY)) {
            return new Step(PER_SCRAPE - canary, 0, 0, reset);
        }
        double errorRate = release == BURST ? (since > 30 && since <= 270 ? 0.02 : 0) : 0.001;
        double slowRate = release == LATENCY ? 0.05 : 0.005;
        return new Step(canary, spread(since, errorRate), spread(since, slowRate), reset);
    }

    private static @Nullable Duration release(long secondOfDay) {
        for (Duration r : RELEASES) {
            long since = secondOfDay - r.toSeconds();
            if (since >= 0 && since < 600) {
                return r;
            }
        }
        return null;
    }

    /** The weight the router had during the scrape ending {@code since} seconds after a release's start. */
    static int weight(long since) {
        long setAt = since - 10;
        if (setAt < 10 || setAt >= 400) {
            return 0;
        }
        return (int) Math.min(50, 5 * (setAt / 10));
    }

    private static long canaryRequests(long since) {
        return PER_SCRAPE * weight(since) / 100;
    }

    /** The errors (or slow requests) in the scrape ending at {@code since}: exact shares of all canary requests. */
    private static long spread(long since, double rate) {
        long before = 0;
        for (long t = 10; t < since; t += 10) {
            before += canaryRequests(t);
        }
        long now = canaryRequests(since);
        return (long) Math.floor((before + now) * rate) - (long) Math.floor(before * rate);
    }
}
