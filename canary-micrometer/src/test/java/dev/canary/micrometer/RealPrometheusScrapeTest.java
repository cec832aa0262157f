package dev.canary.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import dev.canary.testkit.prometheus.PrometheusServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus server scrapes the metrics of a finished run (fake providers; the success rate fails every
 * check, so the run is rolled back) from an application's {@code /metrics}, and PromQL over Flagger's names,
 * as Flagger's Grafana dashboard writes it, answers the run's values.
 */
class RealPrometheusScrapeTest {
    private static final CanarySpec SEED = ContractSpecs.seed();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static MetricsEndpoint endpoint;
    static PrometheusServer prometheus;

    @BeforeAll
    static void runACanaryAndLetPrometheusScrapeIt() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        ManualScheduler scheduler = new ManualScheduler(clock);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CanaryMetrics metrics = CanaryMetrics.of(registry, clock);
        CanaryExecution execution = CanaryRun.builder().spec(SEED).router(metrics.router(new FakeRouter()))
                .target(metrics.target(new FakeTarget("v1", "v2")))
                .metrics(metrics.metrics(q -> MetricResult.value(
                        q.check().name().equals("request-success-rate") ? 90 : 180)))
                .clock(clock).scheduler(scheduler).executor(scheduler).listener(metrics.listener(SEED)).build().start();
        for (int i = 0; i < 200 && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result().join().phase()).isEqualTo(Phase.FAILED);

        endpoint = new MetricsEndpoint(registry);
        prometheus = PrometheusServer.start(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"));
        await("Prometheus' first scrape").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !values("flagger_canary_status").isEmpty());
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** The values of an instant PromQL query's vector, in the order Prometheus answers. */
    private static List<Double> values(String promql) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(prometheus.uri().resolve("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", promql, response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("status").asText()).as("%s: %s", promql, answer).isEqualTo("success");
        List<Double> values = new ArrayList<>();
        answer.path("data").path("result").forEach(r -> values.add(Double.parseDouble(r.path("value").get(1).asText())));
        return values;
    }

    private static double value(String promql) throws Exception {
        List<Double> values = values(promql);
        assertThat(values).as(promql).hasSize(1);
        return values.get(0);
    }

    @Test
    void theTargetIsUp() throws Exception {
        assertThat(value("up{job=\"" + PrometheusServer.JOB + "\"}")).isEqualTo(1);
    }

    @Test
    void statusAndWeightsReadAsFlaggersDashboardQueriesThem() throws Exception {
        assertThat(value("flagger_canary_status{name=\"podinfo\",namespace=\"demo-canary\"}")).isEqualTo(2);
        assertThat(value("flagger_canary_weight{workload=\"podinfo-primary\",namespace=\"demo-canary\"}"))
                .isEqualTo(100);
        assertThat(value("flagger_canary_weight{workload=\"podinfo\",namespace=\"demo-canary\"}")).isZero();
    }

    @Test
    void checksAndOutcomeCounters() throws Exception {
        assertThat(value("flagger_canary_metric_analysis{metric=\"request-success-rate\",name=\"podinfo\"}"))
                .isEqualTo(90);
        assertThat(value("sum by (deployment_strategy, analysis_status) (flagger_canary_failures_total{name="
                + "\"podinfo\",namespace=\"demo-canary\"})")).isEqualTo(1);
        assertThat(values("flagger_canary_successes_total")).isEmpty();
    }

    @Test
    void controllerSeriesAndTheDurationHistogram() throws Exception {
        assertThat(value("flagger_info{mesh_provider=\"none\"}")).isEqualTo(1);
        assertThat(value("sum by (namespace) (flagger_canary_total)")).isEqualTo(1);
        assertThat(value("histogram_quantile(0.99, sum by (le) (flagger_canary_duration_seconds_bucket{name="
                + "\"podinfo\"}))")).isBetween(0.0, 0.005);
        assertThat(value("count(flagger_canary_duration_seconds_bucket{name=\"podinfo\"})")).isEqualTo(12);
    }
}
