package dev.canary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidateCommandTest {
    private final Cli cli = new Cli();

    @Test
    void acceptsAValidManifestAndSummarisesIt() {
        int exit = cli.execute("validate", Cli.manifest("healthy.yaml"));

        assertThat(exit).isZero();
        assertThat(cli.out()).contains("Canary test/podinfo: 2 checks, 0 webhooks; router (any on the class path), "
                + "metrics prometheus, target kubernetes")
                .contains("1 canaries, 0 metric templates, 0 alert providers, 0 warnings, valid");
    }

    @Test
    void listsEveryProblemWithLineAndColumnAndExitsOne() {
        String file = Cli.manifest("bad.yaml");

        int exit = cli.execute("validate", file);

        assertThat(exit).isEqualTo(CanaryCli.FAILED);
        assertThat(cli.out()).contains(file + ":17:17: document 1, spec.analysis.stepWeight: ")
                .contains("thresholdRange")
                .contains(file + ": 3 problems, not valid");
    }

    @Test
    void aMissingFileIsAUsageError() {
        int exit = cli.execute("validate", "/no/such/canary.yaml");

        assertThat(exit).isEqualTo(CanaryCli.USAGE);
        assertThat(cli.err()).contains("/no/such/canary.yaml: no such file");
    }
}
