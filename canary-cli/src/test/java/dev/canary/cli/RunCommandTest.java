package dev.canary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunCommandTest {
    private final Cli cli = new Cli();

    @Test
    void promotesAHealthyCanaryPrintingOneRowPerTickAndExitsZero() {
        int exit = cli.executeInRealTime("run", Cli.manifest("healthy.yaml"), "--interval", "1s",
                "--router", "fake", "--metrics", "fake", "--target", "fake");

        assertThat(exit).as(cli.err()).isZero();
        List<String> lines = Arrays.asList(cli.out().split("\n"));
        assertThat(lines.get(0)).containsSubsequence("TIME", "PHASE", "WEIGHT", "FAILED", "REQUEST-SUCCESS-RATE",
                "REQUEST-DURATION");
        assertThat(lines).anySatisfy(l -> assertThat(l).containsSubsequence("Progressing", " 25 ", "0/2"));
        assertThat(lines).anySatisfy(l -> assertThat(l).containsSubsequence("Progressing", " 50 ", "0/2", "99.90",
                "120"));
        assertThat(lines).anySatisfy(l -> assertThat(l).containsSubsequence("Succeeded", " 0 ", "0/2"));
        assertThat(lines.get(lines.size() - 1)).startsWith("test/podinfo Succeeded after ");
    }

    @Test
    void rollsBackAFailingCanaryMarkingTheFailedValueAndExitsOne() {
        int exit = cli.executeInRealTime("run", Cli.manifest("healthy.yaml"), "--interval", "1s",
                "--router", "fake", "--metrics", "fake", "--target", "fake",
                "--set", "metrics.value.request-success-rate=97.5");

        assertThat(exit).as(cli.err()).isEqualTo(CanaryCli.FAILED);
        assertThat(cli.out()).contains("97.50!").contains("1/2").contains("test/podinfo Failed after ");
    }

    @Test
    void aProviderThatIsNotOnTheClassPathIsAUsageError() {
        int exit = cli.executeInRealTime("run", Cli.manifest("healthy.yaml"), "--interval", "1s",
                "--router", "fake", "--metrics", "nosuch", "--target", "fake");

        assertThat(exit).isEqualTo(CanaryCli.USAGE);
        assertThat(cli.err()).contains("nosuch");
    }

    @Test
    void aSettingWithoutAKindIsAUsageError() {
        int exit = cli.executeInRealTime("run", Cli.manifest("healthy.yaml"), "--interval", "1s",
                "--router", "fake", "--target", "fake", "--set", "address=x");

        assertThat(exit).isEqualTo(CanaryCli.USAGE);
        assertThat(cli.err()).contains("--set must be KIND.KEY=VALUE");
    }
}
