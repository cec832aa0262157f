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

/** Real runs (fake providers, manual scheduler) scraped through Micrometer's Prometheus registry. */
class CanaryMetricsTest {
    private static final CanarySpec SEED = ContractSpecs.seed();

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CanaryMetrics metrics = CanaryMetrics.of(registry, clock);
    private final FakeRouter router = new FakeRouter();

    @AfterEach
    void stopPool() {
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

    /** The value of the one series {@code series} (name and labels, as scraped). */
    private double value(String series) {
        String scrape = registry.scrape();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(1));
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
                    + "namespace=\"demo-canary\"}")).isEqualTo(180);
            assertThat(value("flagger_canary_duration_seconds_count{name=\"podinfo\",namespace=\"demo-canary\"}"))
                    .isEqualTo(6);
            assertThat(value("flagger_canary_duration_seconds_bucket{name=\"podinfo\",namespace=\"demo-canary\","
                    + "le=\"0.005\"}")).isEqualTo(6);
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
            assertThat(registry.scrape()).doesNotContain("flagger_canary_failures_total{")
                    .doesNotContain("canary_rollbacks_total{");
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
