package dev.canary.testkit.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A real Prometheus server, started as a child process on a free 127.0.0.1 port with its own configuration and
 * data in a new temporary directory, scraping one target every {@link #SCRAPE_INTERVAL} (job {@value #JOB}).
 * The binary is {@code $PROMETHEUS_BIN}, else {@code prometheus} on the {@code PATH} (the Debian package
 * {@code prometheus} installs {@code /usr/bin/prometheus}). {@link #start} returns once the server answers
 * {@code /-/ready}, waiting at most {@link #READY_TIMEOUT}; when the free port it chose was taken meanwhile, it
 * tries another. {@link #close()} stops it (SIGTERM, forced after 10 s) and deletes the directory. Thread-safe.
 */
public final class PrometheusServer implements AutoCloseable {
    /** How often the target is scraped. */
    public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    /** How long {@link #start} waits for the server to be ready. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** The scrape job's name, the {@code job} label of the scraped series. */
    public static final String JOB = "traefik";
    private static final int ATTEMPTS = 3;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ServerProcess process;
    private final Path directory;

    private PrometheusServer(ServerProcess process, Path directory) {
        this.process = process;
        this.directory = directory;
    }

    /**
     * Starts Prometheus scraping {@code metrics}, such as {@code http://127.0.0.1:41234/metrics}.
     *
     * @throws IllegalStateException when the binary is missing (the message says how to install it), or the
     *                               server exits or is not ready in time (the message quotes its log)
     */
    public static PrometheusServer start(URI metrics) {
        Objects.requireNonNull(metrics, "metrics == null");
        return start(config(metrics), null);
    }

    /**
     * Starts Prometheus on the history in {@code openMetrics} (backfilled with {@code promtool tsdb
     * create-blocks-from openmetrics}, see {@link Promtool}), scraping nothing.
     *
     * @throws IllegalStateException when prometheus or promtool is missing (the message says how to install them),
     *                               the backfill fails, or the server exits or is not ready in time
     */
    public static PrometheusServer backfilled(Path openMetrics) {
        Objects.requireNonNull(openMetrics, "openMetrics == null");
        return start("global:\n  evaluation_interval: 1m\n", openMetrics);
    }

    private static PrometheusServer start(String configText, @Nullable Path history) {
        Path binary = locateBinary();
        Path directory = createDirectory();
        try {
            Path config = Files.writeString(directory.resolve("prometheus.yml"), configText);
            Path data = Files.createDirectories(directory.resolve("data"));
            if (history != null) {
                Promtool.createBlocks(history, data);
            }
            List<String> base = List.of(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + data,
                    "--log.level=warn");
            return new PrometheusServer(ServerProcess.start(base, directory.resolve("prometheus.log"), ATTEMPTS,
                    READY_TIMEOUT), directory);
        } catch (IOException e) {
            delete(directory);
            throw new UncheckedIOException("cannot prepare Prometheus' directory " + directory, e);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    /**
     * The binary {@link #start} runs: {@code $PROMETHEUS_BIN}, else {@code prometheus} on the {@code PATH}.
     *
     * @throws IllegalStateException when there is none, saying how to install it
     */
    public static Path locateBinary() {
        return PrometheusBinary.locate(System.getenv());
    }

    /** The configuration file's text: one job scraping {@code metrics} every {@link #SCRAPE_INTERVAL}. */
    static String config(URI metrics) {
        if (metrics.getHost() == null || metrics.getPort() < 0) {
            throw new IllegalArgumentException("the metrics URI needs a host and a port, such as "
                    + "http://127.0.0.1:8080/metrics, but was " + metrics);
        }
        String path = metrics.getRawPath() == null || metrics.getRawPath().isEmpty() ? "/metrics"
                : metrics.getRawPath();
        String seconds = SCRAPE_INTERVAL.toSeconds() + "s";
        return """
                global:
                  scrape_interval: %s
                  scrape_timeout: %s
                  evaluation_interval: %s
                scrape_configs:
                  - job_name: %s
                    scheme: %s
                    metrics_path: "%s"
                    static_configs:
                      - targets: ["%s:%d"]
                """.formatted(seconds, seconds, seconds, JOB, metrics.getScheme(), path, metrics.getHost(),
                metrics.getPort());
    }

    /** The server's base URI, such as {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return process.uri();
    }

    /** The temporary directory with the configuration, the data and {@code prometheus.log}. */
    public Path directory() {
        return directory;
    }

    /** Whether the server process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server and deletes its directory; does nothing the second time. */
    @Override
    public synchronized void close() {
        process.stop(STOP_GRACE);
        delete(directory);
    }

    @Override
    public String toString() {
        return "PrometheusServer[" + uri() + ", " + directory + "]";
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("canary-prometheus-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for Prometheus", e);
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temporary directory is harmless
        }
    }
}
