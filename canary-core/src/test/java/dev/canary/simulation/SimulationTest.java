package dev.canary.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.SequentialSpec;
import dev.canary.spec.ThresholdRange;
import dev.canary.testkit.ContractSpecs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulationTest {
    static final CanarySpec SEED = ContractSpecs.seed();

    static Traffic errors(double canary) {
        return Traffic.builder().requestsPerSecond(20).primary(Behaviour.errors(0.005))
                .canary(Behaviour.errors(canary)).build();
    }

    @Test
    void promotesAHealthyCanaryThroughEveryStepOfTheSeedSpec() {
        SimulationReport report = Simulation.builder(SEED).traffic(errors(0)).runs(5).build().run();
        System.out.println(report);
        assertThat(report.promotionRate()).isEqualTo(1.0);
        // 10 steps of 5 % to the ceiling of 50 %, one tick of 10 s each, plus the ticks that start the run
        assertThat(report.medianTimeToDecision()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(140));
        assertThat(report.runs()).allSatisfy(r -> assertThat(r.canaryFailures()).isZero());
        assertThat(report.meanCanaryRequests()).isBetween(400.0, 700.0);
    }

    @Test
    void rollsBackAGrossFailureNoSoonerThanTheThresholdRuleAllows() {
        SimulationReport report = Simulation.builder(SEED).traffic(errors(0.10)).runs(20).build().run();
        System.out.println(report);
        assertThat(report.rollbackRate()).isEqualTo(1.0);
        assertThat(report.quantile(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(100));
        assertThat(report.meanCanaryFailedRequests()).isPositive();
    }

    @Test
    void rollsBackAGrossFailureWithinAFewTicksWhenTheChecksAreSequential() {
        CanarySpec sequential = SEED.toBuilder().analysis(SEED.analysis().toBuilder().metrics(
                MetricCheck.successRate(99).toBuilder().sequential(SequentialSpec.ofDefaults()).build()).build())
                .build();
        SimulationReport report = Simulation.builder(sequential).traffic(errors(0.10)).runs(20).build().run();
        System.out.println(report);
        assertThat(report.rollbackRate()).isEqualTo(1.0);
        assertThat(report.medianTimeToDecision()).isLessThanOrEqualTo(Duration.ofSeconds(50));
        assertThat(report.runs()).allSatisfy(r -> assertThat(r.reason()).contains("sequential checks showed harm"));
    }

    @Test
    void watchingBetweenTicksRollsAGrossFailureBackSoonerWithFewerFailedRequests() {
        java.util.function.Function<Duration, CanarySpec> spec = watch -> SEED.toBuilder().analysis(SEED.analysis()
                .toBuilder().metrics(MetricCheck.successRate(99).toBuilder().sequential(SequentialSpec.builder()
                        .watch(watch).build()).build()).build()).build();
        SimulationReport atTicks = Simulation.builder(spec.apply(null)).traffic(errors(0.10)).runs(50).build().run();
        SimulationReport watched = Simulation.builder(spec.apply(Duration.ofSeconds(1))).traffic(errors(0.10))
                .runs(50).build().run();
        assertThat(watched.rollbackRate()).isEqualTo(1.0);
        assertThat(watched.runs()).anySatisfy(r -> assertThat(r.reason()).contains("harm between ticks"));
        assertThat(watched.meanCanaryFailedRequests()).isLessThan(atTicks.meanCanaryFailedRequests());
        assertThat(watched.quantile(0.75)).isLessThan(atTicks.quantile(0.75));
    }

    @Test
    void neighbouringSeedsShareNoRun() {
        java.util.Set<Long> one = new java.util.HashSet<>();
        java.util.Set<Long> two = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            one.add(Simulation.runSeed(1, i));
            two.add(Simulation.runSeed(2, i));
        }
        assertThat(one).hasSize(1000).doesNotContainAnyElementsOf(two);
        SimulationReport a = Simulation.builder(SEED).traffic(errors(0.01)).runs(5).seed(1).build().run();
        SimulationReport b = Simulation.builder(SEED).traffic(errors(0.01)).runs(5).seed(2).build().run();
        assertThat(a.runs().subList(1, 5)).isNotEqualTo(b.runs().subList(0, 4));
    }

    @Test
    void isReproducibleFromItsSeed() {
        Simulation simulation = Simulation.builder(SEED).traffic(errors(0.01)).runs(10).seed(7).build();
        assertThat(simulation.run()).isEqualTo(simulation.run());
    }

    /** Sequential checks whose metric templates name count queries: the simulated traffic answers them. */
    @Nested
    class TemplateChecks {
        static final String APP = "{app=\"{{ target }}\"}";
        static final MetricTemplate ERRORS = MetricTemplate.prometheus(SEED.namespace(), "errors", "ignored")
                .withCounts(new MetricTemplate.Counts("sum(increase(http_requests_total" + APP + "[{{ window }}]))",
                        "sum(increase(http_errors_total" + APP + "[{{ window }}]))", null));
        static final MetricTemplate LATENCY = MetricTemplate.prometheus(SEED.namespace(), "p99", "ignored")
                .withCounts(new MetricTemplate.Counts("sum(increase(http_requests_total" + APP + "[{{ window }}]))",
                        "sum(increase(http_errors_total" + APP + "[{{ window }}]))",
                        "sum by (le) (increase(http_seconds_bucket" + APP + "[{{ window }}]))"));
        static final CanarySpec SPEC = SEED.toBuilder().analysis(SEED.analysis().toBuilder().metrics(
                MetricCheck.builder("errors").templateRef(ObjectRef.of("errors"))
                        .thresholdRange(ThresholdRange.atLeast(99)).sequential(SequentialSpec.ofDefaults()).build(),
                MetricCheck.builder("latency").templateRef(ObjectRef.of("p99"))
                        .thresholdRange(ThresholdRange.atMost(0.5))
                        .sequential(SequentialSpec.builder().latencyBound(Duration.ofMillis(500)).build()).build())
                .build()).build();

        static Traffic latency(double canaryFactor) {
            return Traffic.builder().requestsPerSecond(200).primary(Behaviour.errors(0.005))
                    .canary(Behaviour.errors(0.005).withLatency(Behaviour.DEFAULT_LATENCY.scaled(canaryFactor)))
                    .build();
        }

        @Test
        void rollsBackALatencyRegressionOnTheTemplatesBuckets() {
            SimulationReport report = Simulation.builder(SPEC).templates(List.of(ERRORS, LATENCY))
                    .traffic(latency(1.3)).runs(10).build().run();
            System.out.println("template checks, canary 30 % slower: " + report);
            assertThat(report.rollbackRate()).isEqualTo(1.0);
            assertThat(report.runs()).allSatisfy(r -> assertThat(r.reason())
                    .contains("sequential checks showed harm", "latency"));
        }

        @Test
        void rollsBackAGrossFailureOnTheTemplatesFailureCounts() {
            SimulationReport report = Simulation.builder(SPEC).templates(List.of(ERRORS, LATENCY))
                    .traffic(errors(0.10)).runs(10).build().run();
            assertThat(report.rollbackRate()).isEqualTo(1.0);
            assertThat(report.medianTimeToDecision()).isLessThanOrEqualTo(Duration.ofSeconds(50));
            assertThat(report.runs()).allSatisfy(r -> assertThat(r.reason()).contains("errors"));
        }

        @Test
        void promotesAHealthyCanary() {
            SimulationReport report = Simulation.builder(SPEC).templates(List.of(ERRORS, LATENCY))
                    .traffic(latency(1)).runs(10).build().run();
            System.out.println("template checks, healthy canary: " + report);
            assertThat(report.promotionRate()).isGreaterThanOrEqualTo(0.9);
        }

        @Test
        void neverPromotesWhenTheTemplatesAreUnknownOrCountNothing() {
            SimulationReport unknown = Simulation.builder(SPEC).traffic(latency(1)).runs(2).build().run();
            assertThat(unknown.promotionRate()).isZero();
            SimulationReport uncounted = Simulation.builder(SPEC).templates(List.of(ERRORS.withCounts(null),
                    LATENCY.withCounts(null))).traffic(latency(1)).runs(2).build().run();
            assertThat(uncounted.promotionRate()).isZero();
        }

        @Test
        void tellsWhyACheckGetsNoCounts() {
            SimulatedTemplates none = new SimulatedTemplates(List.of(ERRORS.withCounts(null)));
            MetricCheck errors = SPEC.analysis().metrics().get(0);
            MetricCheck latency = SPEC.analysis().metrics().get(1);
            assertThat(none.whyNotCounted(dev.canary.spi.MetricQuery.canary(SPEC, errors)))
                    .contains("metric template " + SEED.namespace() + "/errors", "names no count queries");
            assertThat(none.whyNotCounted(dev.canary.spi.MetricQuery.canary(SPEC, latency)))
                    .contains("knows no metric template " + SEED.namespace() + "/p99", "Simulation.Builder.templates");
            assertThat(new SimulatedTemplates(List.of(LATENCY)).counted(dev.canary.spi.MetricQuery.canary(SPEC,
                    latency))).isEqualTo(LATENCY);
        }
    }
}
