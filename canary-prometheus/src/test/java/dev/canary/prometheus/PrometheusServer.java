package dev.canary.prometheus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server on a free loopback port, with its own configuration and data directory, scraping
 * one target every second. The binary comes from {@code PROMETHEUS_BIN} or the {@code PATH} (the Debian
 * package installs {@code /usr/bin/prometheus}).
 */
final class PrometheusServer implements AutoCloseable {
    static final String MISSING = "The Prometheus server binary was not found (looked at $PROMETHEUS_BIN and for "
            + "'prometheus' on the PATH). These integration tests need a real Prometheus: run the README's test "
            + "command (.ci/run), which installs the Debian package 'prometheus' (apt-get install -y "
            + "--no-install-recommends prometheus), or set PROMETHEUS_BIN to a prometheus binary.";

    private final Process process;
    private final Path log;
    private final int port;

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Prometheus scraping {@code 127.0.0.1:targetPort} and waits until it is ready. */
    static PrometheusServer start(Path dir, int targetPort) throws IOException {
        return start(dir, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: traefik
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(targetPort));
    }

    /**
     * Backfills {@code openMetrics} into a new data directory with {@code promtool}, then starts Prometheus on it,
     * scraping nothing, and waits until it is ready.
     */
    static PrometheusServer startBackfilled(Path dir, Path openMetrics) throws IOException {
        binary();
        Promtool.createBlocks(openMetrics, dir.resolve("data"));
        return start(dir, "global:\n  evaluation_interval: 1m\n");
    }

    private static PrometheusServer start(Path dir, String configText) throws IOException {
        Path binary = binary();
        int port = freePort();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), configText);
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, port);
        try {
            await("Prometheus /-/ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(server::ready);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    String address() {
        return "http://127.0.0.1:" + port;
    }

    private boolean ready() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ": "
                    + Files.readString(log));
        }
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(address() + "/-/ready").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(1000);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static Path binary() {
        String configured = System.getenv("PROMETHEUS_BIN");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                fail("PROMETHEUS_BIN=" + configured + " is not an executable file. " + MISSING);
            }
            return path;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "prometheus");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail(MISSING);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server (SIGTERM, then a forced kill after 10 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
