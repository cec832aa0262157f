package dev.canary.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Against the real Prometheus binary; fails (does not skip) when it is missing. */
class PrometheusServerTest {
    static HttpServer target;
    static PrometheusServer server;

    @BeforeAll
    static void start() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/stats", exchange -> {
            byte[] body = "# TYPE demo_answers_total counter\ndemo_answers_total 42\n"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        server = PrometheusServer.start(URI.create("http://127.0.0.1:" + target.getAddress().getPort() + "/stats"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (target != null) {
            target.stop(0);
        }
    }

    static String query(String promql) throws Exception {
        URI uri = server.uri().resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Nested
    class Running {
        @Test
        void listensOnLoopbackAndIsReady() throws Exception {
            assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.isRunning()).isTrue();
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.uri().resolve("/-/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        }

        @Test
        void scrapesTheTargetsPathUnderItsJob() {
            await("Prometheus to scrape the target").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> query("demo_answers_total{job=\"" + PrometheusServer.JOB + "\"}"),
                            body -> body.contains("\"value\":[") && body.contains(",\"42\"]"));
        }

        @Test
        void keepsConfigurationDataAndLogInItsDirectory() {
            assertThat(server.directory().resolve("prometheus.yml")).isRegularFile();
            assertThat(server.directory().resolve("data")).isDirectory();
            assertThat(server.directory().resolve("prometheus.log")).exists();
        }
    }

    @Nested
    class Configuration {
        @Test
        void scrapesEverySecondAtTheGivenHostPortAndPath() {
            String config = PrometheusServer.config(URI.create("http://127.0.0.1:4321/x/metrics"));
            assertThat(config).contains("scrape_interval: 1s", "scrape_timeout: 1s", "job_name: traefik",
                    "metrics_path: \"/x/metrics\"", "targets: [\"127.0.0.1:4321\"]", "scheme: http");
        }

        @Test
        void defaultsThePathToMetrics() {
            assertThat(PrometheusServer.config(URI.create("http://127.0.0.1:4321")))
                    .contains("metrics_path: \"/metrics\"");
        }

        @Test
        void refusesATargetWithoutPort() {
            assertThatThrownBy(() -> PrometheusServer.config(URI.create("http://localhost/metrics")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a host and a port");
        }
    }

    @Nested
    class Closing {
        @Test
        void stopsTheProcessAndDeletesTheDirectory() {
            PrometheusServer other = PrometheusServer.start(URI.create("http://127.0.0.1:"
                    + target.getAddress().getPort() + "/stats"));
            other.close();
            assertThat(other.isRunning()).isFalse();
            assertThat(Files.exists(other.directory())).isFalse();
            other.close();
            assertThat(other.isRunning()).isFalse();
        }
    }
}
