package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.examples.demo.DemoEnvironment;
import dev.canary.examples.demo.ServiceBehaviour;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real Prometheus binary scraping the demo proxy; fails (does not skip) when it is missing. */
class DemoPrometheusTest {
    static final CanarySpec SPEC = PrometheusDemo.spec(PrometheusDemo.parse("--interval", "3s"));
    static DemoEnvironment env;
    static DemoPrometheus prometheus;

    @BeforeAll
    static void start() {
        env = DemoEnvironment.start(SPEC, ServiceBehaviour.healthy("v1"), ServiceBehaviour.healthy("v2"),
                Clock.systemUTC(), new Random(1));
        prometheus = DemoPrometheus.start(env.proxy().uri().resolve("/metrics"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (env != null) {
            env.close();
        }
    }

    @Test
    void describesTheQueriesOfEveryCheckForTheServiceTheProxyLabels() {
        List<String> lines = prometheus.describeQueries(SPEC);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("  request-success-rate: sum(rate(").contains("[6s]");
        assertThat(lines.get(1)).startsWith("    samples: sum(increase(");
        assertThat(lines.get(2)).startsWith("  request-duration: histogram_quantile(0.99, ");
        assertThat(lines).allSatisfy(line -> assertThat(line)
                .contains("service=\"demo-podinfo-canary-80@kubernetescrd\""));
    }

    @Test
    void theProxyLabelsTheCanaryAsTheQueriesSelectIt() throws Exception {
        env.proxy().setRoutes(Routes.canary(100));
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(env.proxy().uri()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } finally {
            env.proxy().setRoutes(Routes.PRIMARY_ONLY);
        }
        assertThat(env.proxy().metricsText()).contains("traefik_service_request_duration_seconds_bucket{code=\"200\","
                + "method=\"GET\",protocol=\"http\",service=\"demo-podinfo-canary-80@kubernetescrd\",le=\"+Inf\"} 1");
    }

    @Test
    void waitsForTheFirstScrapeOfTheProxy() {
        prometheus.awaitFirstScrape(Duration.ofSeconds(20));
        assertThat(prometheus.server().isRunning()).isTrue();
    }

    @Test
    void givesUpNamingTheQueryWhenTheTargetIsDown() {
        try (DemoPrometheus unscraped = DemoPrometheus.start(URI.create("http://127.0.0.1:9/metrics"),
                Clock.systemUTC())) {
            assertThatThrownBy(() -> unscraped.awaitFirstScrape(Duration.ofSeconds(3)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("did not scrape the demo proxy within 3 s")
                    .hasMessageContaining("up{job=\"traefik\"}");
        }
    }

    @Test
    void summarizesTheQueryTimeOfTheTicks() {
        assertThat(DemoPrometheus.timing(List.of(Duration.ofMillis(30), Duration.ofMillis(10),
                Duration.ofMillis(12)), SPEC)).isEqualTo("Prometheus answered the 2 checks (4 queries, sent "
                + "concurrently) of 3 ticks in 12.0 ms median, 30.0 ms at most");
        assertThat(DemoPrometheus.timing(List.of(), SPEC)).isEqualTo("no tick queried Prometheus");
    }

    @Test
    void describesWhatItScrapesAndTheQueriesAndTimesThemThroughItsProvider() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        prometheus.describe(SPEC, out);
        prometheus.report(SPEC, out);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("Prometheus " + prometheus.server().uri()
                + " scrapes " + env.proxy().uri().resolve("/metrics") + " every 1s; PromQL sent every tick:\n")
                .contains(String.join("\n", prometheus.describeQueries(SPEC)));
        assertThat(prometheus.provider().toString()).startsWith("Timed[");
    }

    @Test
    void closeStopsTheServer() {
        DemoPrometheus other = DemoPrometheus.start(env.proxy().uri().resolve("/metrics"), Clock.systemUTC());
        other.close();
        assertThat(other.server().isRunning()).isFalse();
    }
}
