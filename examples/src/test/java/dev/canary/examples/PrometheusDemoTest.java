package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.canary.testkit.prometheus.PrometheusServer;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PrometheusDemoTest {
    static final String CANARY_BUCKETS = "traefik_service_request_duration_seconds_bucket{service=\""
            + "demo-podinfo-canary-80@kubernetescrd\"";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PrometheusDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class CommandLine {
        @Test
        void printsItsOwnUsageWithTheLocalDemosOptionsForHelp() {
            assertThat(run("--help")).isZero();
            assertThat(output()).startsWith("Usage: PrometheusDemo [options]\n")
                    .contains("apt-get install prometheus", "--scenario healthy|faulty",
                            "(default 4s, at least 2s)", "--rps N", "--help", "options, 3 when the demo could not run")
                    .doesNotContain("LocalDemo", "default 2s, at least 1s");
        }

        @Test
        void refusesAnIntervalShorterThanTwoScrapeWindowsWithExitCodeTwo() {
            assertThat(run("--interval", "1s")).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .startsWith("error: --interval must be at least 2s with Prometheus scraping every 1s")
                    .contains("Usage: PrometheusDemo");
            assertThat(output()).isEmpty();
        }

        @Test
        void reportsEveryBadOptionLikeTheLocalDemo() {
            assertThat(run("--scenario", "broken", "--nope")).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                    "error: --scenario must be healthy or faulty but was 'broken'\nerror: unknown option --nope\n");
        }

        @Test
        void defaultsToAFourSecondInterval() {
            assertThat(PrometheusDemo.parse().interval()).isEqualTo(Duration.ofSeconds(4));
            assertThat(PrometheusDemo.parse("--interval=3s").interval()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Nested
    class Spec {
        @Test
        void judgesTheCanaryOfDemoPodinfoOverTwoIntervals() {
            CanarySpec spec = PrometheusDemo.spec(PrometheusDemo.parse("--threshold", "4"));
            assertThat(spec.key()).isEqualTo("demo/podinfo");
            assertThat(spec.service().name()).isEqualTo("podinfo");
            assertThat(spec.service().port()).isEqualTo(80);
            assertThat(spec.analysis().threshold()).isEqualTo(4);
            assertThat(spec.analysis().metrics()).extracting(MetricCheck::name)
                    .containsExactly(MetricCheck.REQUEST_SUCCESS_RATE, MetricCheck.REQUEST_DURATION);
            assertThat(spec.analysis().metrics()).allSatisfy(check -> {
                assertThat(check.isBuiltin()).isTrue();
                assertThat(check.interval()).isEqualTo(Duration.ofSeconds(8));
            });
        }

        @Test
        void isTheLocalDemosRunExceptThatAChecksMissingDataHoldsTheTick() {
            DemoOptions options = PrometheusDemo.parse("--scenario", "faulty");
            CanarySpec spec = PrometheusDemo.spec(options);
            assertThat(spec.analysis().metrics()).allSatisfy(check ->
                    assertThat(check.onNoData()).isEqualTo(OutcomePolicy.WAIT));
            CanarySpec local = LocalDemo.spec(options);
            assertThat(spec.analysis().metrics()).extracting(check -> check.toBuilder().onNoData(OutcomePolicy.FAIL)
                    .build()).isEqualTo(local.analysis().metrics());
            assertThat(spec.toBuilder().analysis(local.analysis()).build()).isEqualTo(local);
        }
    }

    /** Against the real Prometheus binary; fails (does not skip) when it is missing. */
    @Nested
    class EndToEnd {
        @BeforeAll
        static void needsPrometheus() {
            try {
                PrometheusServer.locateBinary();
            } catch (IllegalStateException e) {
                fail("These end-to-end tests run a real Prometheus server: run scripts/test, which installs the "
                        + "Debian package 'prometheus' when it is missing. " + e.getMessage());
            }
        }

        private DemoReport execute(String... args) {
            return PrometheusDemo.execute(PrometheusDemo.parse(args), new PrintStream(out, true,
                    StandardCharsets.UTF_8));
        }

        /** Every check evaluated in the run, from the history's evidence. */
        private List<CheckEvaluation> evaluations(DemoReport report) {
            return report.result().status().history().stream().map(DecisionRecord::checks)
                    .flatMap(List::stream).toList();
        }

        @Test
        void aHealthyCanaryClimbsOnPrometheusMetricsAndIsPromoted() {
            DemoReport report = execute("--interval", "2s", "--max-weight", "30", "--rps", "100");
            assertThat(report.result().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(report.weights()).containsSubsequence(10, 20, 30);
            assertThat(report.primaryRevision()).isEqualTo("v2");
            assertThat(report.finalSplit().canary()).isZero();
            List<CheckEvaluation> values = evaluations(report).stream().filter(e -> e.value() != null).toList();
            assertThat(values).isNotEmpty().allSatisfy(e -> assertThat(e.source()).contains(CANARY_BUCKETS));
            assertThat(values).filteredOn(e -> e.name().equals(MetricCheck.REQUEST_SUCCESS_RATE))
                    .isNotEmpty().allSatisfy(e -> {
                        assertThat(e.value()).isEqualTo(100.0);
                        assertThat(e.samples()).isPositive();
                    });
            assertThat(output()).contains("request-success-rate: sum(rate(" + CANARY_BUCKETS, "[4s]",
                    "load: webhooks load-test-start (pre-rollout) and load-test (rollout) run \"hey ",
                    "ALERT [INFO] demo/podinfo: New revision", "Succeeded after", "Prometheus answered the 2 checks");
        }

        @Test
        void aFaultyCanaryFailsOnPrometheusMetricsAndAllTrafficReturnsToThePrimary() {
            DemoReport report = execute("--scenario", "faulty", "--interval", "2s", "--threshold", "2", "--rps",
                    "100");
            assertThat(report.result().phase()).isEqualTo(Phase.FAILED);
            assertThat(report.exitCode()).isEqualTo(1);
            assertThat(report.weights()).last().isEqualTo(0);
            assertThat(report.primaryRevision()).isEqualTo("v1");
            assertThat(report.finalSplit().primary()).isPositive();
            assertThat(report.finalSplit().canary()).isZero();
            assertThat(evaluations(report)).filteredOn(e -> e.name().equals(MetricCheck.REQUEST_SUCCESS_RATE)
                            && e.value() != null && e.value() < LocalDemo.MIN_SUCCESS_PERCENT)
                    .isNotEmpty().allSatisfy(e -> {
                        assertThat(e.source()).contains(CANARY_BUCKETS).contains("code!~\"5..\"");
                        assertThat(e.value()).isBetween(70.0, 98.0);
                    });
            assertThat(output()).contains("ALERT [ERROR] demo/podinfo: Rolling back", "Failed after");
        }
    }
}
