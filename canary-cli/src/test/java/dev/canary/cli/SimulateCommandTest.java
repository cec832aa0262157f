package dev.canary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulateCommandTest {
    @Test
    void aHealthyCanaryIsPromotedInEverySimulatedRelease() {
        Cli cli = new Cli();

        int exit = cli.execute("simulate", Cli.manifest("healthy.yaml"), "--runs", "10", "--canary-errors", "0",
                "--primary-errors", "0");

        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("test/podinfo: 10 simulated releases at 20 req/s")
                .contains("promoted        100.0%").contains("rolled back       0.0%");
    }

    @Test
    void aCanaryFailingOneRequestInFiveIsRolledBackInEverySimulatedRelease() {
        Cli cli = new Cli();

        int exit = cli.execute("simulate", Cli.manifest("healthy.yaml"), "--runs", "10", "--canary-errors", "0.2");

        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("rolled back     100.0%");
    }

    @Test
    void anErrorRateAboveOneIsAUsageError() {
        Cli cli = new Cli();

        int exit = cli.execute("simulate", Cli.manifest("healthy.yaml"), "--canary-errors", "5");

        assertThat(exit).isEqualTo(CanaryCli.USAGE);
        assertThat(cli.err()).contains("errorRate must be between 0 and 1 but was 5");
    }

    @Test
    void judgesTheSequentialTemplateChecksOfAManifestOnTheSimulatedTraffic() {
        Cli slower = new Cli();

        int exit = slower.execute("simulate", Cli.manifest("templates.yaml"), "--runs", "5", "--rps", "200",
                "--primary-errors", "0.005", "--canary-errors", "0.005", "--canary-latency-factor", "1.3");

        assertThat(exit).as(slower.err()).isZero();
        assertThat(slower.out()).contains("canary latency x1.3").contains("rolled back     100.0%");
        Cli failing = new Cli();
        failing.execute("simulate", Cli.manifest("templates.yaml"), "--runs", "5", "--canary-errors", "0.1");
        assertThat(failing.out()).contains("rolled back     100.0%");
        Cli healthy = new Cli();
        healthy.execute("simulate", Cli.manifest("templates.yaml"), "--runs", "5", "--canary-errors", "0",
                "--primary-errors", "0");
        assertThat(healthy.out()).as(healthy.err()).contains("promoted        100.0%");
    }
}
