package dev.canary.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.SequentialSpec;
import dev.canary.testkit.ContractSpecs;
import java.time.Duration;
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
    void isReproducibleFromItsSeed() {
        Simulation simulation = Simulation.builder(SEED).traffic(errors(0.01)).runs(10).seed(7).build();
        assertThat(simulation.run()).isEqualTo(simulation.run());
    }
}
