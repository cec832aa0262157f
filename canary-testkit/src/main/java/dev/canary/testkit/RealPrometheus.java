package dev.canary.testkit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server for tests: the Debian package's binary ({@code /usr/bin/prometheus}, or
 * {@code PROMETHEUS_BIN}) on a free loopback port with its own configuration and data directory. A missing binary
 * fails the test (it never skips), naming the package to install.
 *
 * <pre>{@code
 * try (RealPrometheus prometheus = RealPrometheus.scraping(dir, "127.0.0.1:" + port)) {
 *     String json = prometheus.query("up");
 * }
 * }</pre>
 *
 * <p>Not thread-safe; one per test class.
 */
public final class RealPrometheus implements AutoCloseable {
    private static final String MISSING = "The Prometheus server binary was not found (looked at $PROMETHEUS_BIN "
            + "and for 'prometheus' on the PATH). Install the Debian package: apt-get install -y "
            + "--no-install-recommends prometheus (scripts/test does), or set PROMETHEUS_BIN.";

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RealPrometheus(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Prometheus scraping {@code target} ({@code host:port}, path {@code /metrics}) every second. */
    public static RealPrometheus scraping(Path dir, String target) throws IOException {
        return start(dir, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: app
                    static_configs:
                      - targets: ["%s"]
                """.formatted(target));
    }

    /** Starts Prometheus with the configuration {@code yaml} and waits until it is ready (at most 30 s). */
    public static RealPrometheus start(Path dir, String yaml) throws IOException {
        Path binary = binary();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), yaml);
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealPrometheus server = new RealPrometheus(process, log, port);
        try {
            await("Prometheus /-/ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(server::ready);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Its base URL, {@code http://127.0.0.1:<port>}. */
    public String address() {
        return "http://127.0.0.1:" + port;
    }

    /** The JSON answer of an instant query ({@code GET /api/v1/query}); fails unless HTTP 200. */
    public String query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(address() + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            fail("query " + promql + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private boolean ready() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ": "
                    + Files.readString(log));
        }
        try {
            return client.send(HttpRequest.newBuilder(URI.create(address() + "/-/ready"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "prometheus");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail(MISSING);
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
