package dev.canary.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricsProvider;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Real runs (fake providers, manual scheduler) whose Prometheus registry is scraped over HTTP, as Prometheus
 * scrapes an application, and parsed: names, labels and values.
 */
class CanaryMetricsTest {
    private static final CanarySpec SEED = ContractSpecs.seed();

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CanaryMetrics metrics = CanaryMetrics.of(registry, clock);
    private final FakeRouter router = new FakeRouter();
    private final MetricsEndpoint endpoint = new MetricsEndpoint(registry);

    CanaryMetricsTest() throws java.io.IOException {
    }

    @AfterEach
    void stop() {
        endpoint.close();
        io.shutdownNow();
    }

    private CanaryExecution start(MetricsProvider provider) {
        return CanaryRun.builder().spec(SEED).router(metrics.router(router))
                .target(metrics.target(new FakeTarget("v1", "v2"))).metrics(metrics.metrics(provider))
                .clock(clock).scheduler(scheduler).executor(scheduler).listener(metrics.listener(SEED)).build().start();
    }

    private static MetricsProvider successRate(double rate) {
        return q -> MetricResult.value(q.check().name().equals("request-success-rate") ? rate : 180);
    }

    private void finish(CanaryExecution execution) {
        for (int i = 0; i < 200 && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result()).isDone();
    }

    /** The value of the one series {@code series} (name and labels, as Prometheus shows them), scraped over HTTP. */
    private double value(String series) {
        Exposition.Sample wanted = Exposition.sample(series);
        Exposition scrape = endpoint.scrape();
        return scrape.find(wanted.name(), wanted.labels())
                .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + scrape.text())).value();
    }

    @Nested
    class WhileRunning {
        @Test
        void publishesStatusWeightsAndCheckValuesUnderFlaggersNamesAndLabels() {
            CanaryExecution execution = start(successRate(99.5));
            for (int i = 0; i < 6; i++) {
                scheduler.runNext();
            }
            int weight = execution.status().canaryWeight();

            assertThat(weight).isPositive();
            assertThat(value("flagger_canary_status{name=\"podinfo\",namespace=\"demo-canary\"}")).isZero();
            assertThat(value("flagger_canary_weight{namespace=\"demo-canary\",workload=\"podinfo\"}"))
                    .isEqualTo(weight);
            assertThat(value("flagger_canary_weight{namespace=\"demo-canary\",workload=\"podinfo-primary\"}"))
                    .isEqualTo(100 - weight);
            assertThat(value("flagger_canary_metric_analysis{metric=\"request-success-rate\",name=\"podinfo\","
                    + "namespace=\"demo-canary\"}")).isEqualTo(99.5);
            assertThat(value("flagger_canary_metric_analysis{metric=\"request-duration\",name=\"podinfo\","
                    + "namespace=\"demo-canary\"}")).as("judged as 180 ms, shown in seconds as Flagger's gauge")
                    .isEqualTo(0.18);
            assertThat(value("flagger_canary_duration_seconds_count{name=\"podinfo\",namespace=\"demo-canary\"}"))
                    .isEqualTo(6);
            assertThat(value("flagger_canary_duration_seconds_bucket{name=\"podinfo\",namespace=\"demo-canary\","
                    + "le=\"0.005\"}")).isEqualTo(6);
        }
    }

    @Nested
    class FlaggersControllerSeries {
        @Test
        void publishesFlaggerInfoWithTheLibraryVersionAndTheRunsProvider() {
            finish(start(successRate(99.5)));

            Exposition scrape = endpoint.scrape();
            assertThat(scrape.types()).containsEntry("flagger_info", "gauge");
            assertThat(scrape.named("flagger_info")).singleElement().satisfies(info -> {
                assertThat(info.labels()).containsOnlyKeys("version", "mesh_provider")
                        .containsEntry("mesh_provider", SEED.provider() == null ? "none" : SEED.provider());
                assertThat(info.labels().get("version")).matches("\\d+\\.\\d+\\.\\d+.*");
                assertThat(info.value()).isEqualTo(1);
            });
        }

        @Test
        void countsCanariesPerNamespaceOnceEach() {
            finish(start(successRate(99.5)));
            metrics.listener(SEED);
            metrics.listener(renamed("other", SEED.namespace()));
            metrics.listener(renamed("elsewhere", "team-b"));

            Exposition scrape = endpoint.scrape();
            assertThat(scrape.named("flagger_canary_total")).extracting(Exposition.Sample::labels,
                    Exposition.Sample::value).containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(java.util.Map.of("namespace", "demo-canary"), 2.0),
                            org.assertj.core.groups.Tuple.tuple(java.util.Map.of("namespace", "team-b"), 1.0));
        }

        private static CanarySpec renamed(String name, String namespace) {
            CanarySpec.Builder builder = CanarySpec.builder(name).namespace(namespace).targetRef(SEED.targetRef())
                    .service(SEED.service()).analysis(SEED.analysis()).provider(SEED.provider());
            return builder.build();
        }

        @Test
        void typesEachFlaggerSeriesAsFlaggerDoes() {
            finish(start(successRate(90)));

            assertThat(endpoint.scrape().types()).containsEntry("flagger_canary_status", "gauge")
                    .containsEntry("flagger_canary_weight", "gauge")
                    .containsEntry("flagger_canary_metric_analysis", "gauge")
                    .containsEntry("flagger_canary_duration_seconds", "histogram")
                    .containsEntry("flagger_canary_failures_total", "counter");
        }
    }

    @Nested
    class WhenTheRunEnds {
        @Test
        void countsASuccessWithFlaggersStrategyAndAnalysisStatusLabels() {
            finish(start(successRate(99.5)));

            assertThat(value("flagger_canary_successes_total{analysis_status=\"completed\",deployment_strategy="
                    + "\"canary\",name=\"podinfo\",namespace=\"demo-canary\"}")).isEqualTo(1);
            assertThat(value("flagger_canary_status{name=\"podinfo\",namespace=\"demo-canary\"}")).isEqualTo(1);
            Exposition scrape = endpoint.scrape();
            assertThat(scrape.named("flagger_canary_failures_total")).isEmpty();
            assertThat(scrape.named("canary_rollbacks_total")).isEmpty();
        }

        @Test
        void countsAFailureARollbackAndTheFailedChecks() {
            finish(start(successRate(90)));

            assertThat(value("flagger_canary_failures_total{analysis_status=\"completed\",deployment_strategy="
                    + "\"canary\",name=\"podinfo\",namespace=\"demo-canary\"}")).isEqualTo(1);
            assertThat(value("flagger_canary_status{name=\"podinfo\",namespace=\"demo-canary\"}")).isEqualTo(2);
            assertThat(value("canary_rollbacks_total{name=\"podinfo\",namespace=\"demo-canary\"}")).isEqualTo(1);
            assertThat(value("canary_failed_checks_total{metric=\"request-success-rate\",name=\"podinfo\","
                    + "namespace=\"demo-canary\"}")).isEqualTo(10);
            assertThat(value("flagger_canary_weight{namespace=\"demo-canary\",workload=\"podinfo-primary\"}"))
                    .isEqualTo(100);
        }
    }

    @Nested
    class LibraryHealth {
        @Test
        void timesProviderCallsAndCountsTheirErrors() {
            AtomicInteger queries = new AtomicInteger();
            router.failNext(1);
            finish(start(q -> queries.incrementAndGet() == 3 ? new MetricResult.Failed("prometheus down", "q")
                    : successRate(99.5).query(q)));

            assertThat(value("canary_provider_errors_total{operation=\"query\",provider=\"metrics\"}")).isEqualTo(1);
            assertThat(value("canary_provider_errors_total{operation=\"setRoutes\",provider=\"router\"}"))
                    .isEqualTo(1);
            assertThat(value("canary_provider_calls_seconds_count{operation=\"query\",outcome=\"success\","
                    + "provider=\"metrics\"}")).isEqualTo(queries.get() - 1);
            assertThat(value("canary_provider_calls_seconds_count{operation=\"promote\",outcome=\"success\","
                    + "provider=\"target\"}")).isEqualTo(1);
        }

        @Test
        void recordsHowLateTicksCame() {
            CanaryExecution execution = start(successRate(99.5));
            scheduler.runNext();
            scheduler.runNext();
            execution.pause();
            scheduler.runNext();
            execution.resume();
            scheduler.runNext();

            assertThat(value("canary_tick_lateness_seconds_max{name=\"podinfo\",namespace=\"demo-canary\"}"))
                    .isEqualTo(10);
        }
    }
}
