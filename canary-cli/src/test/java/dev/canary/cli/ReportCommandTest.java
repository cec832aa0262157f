package dev.canary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @Test
    void runWritesTheReportAtTheEndAndReportRewritesItFromTheStoredState() throws Exception {
        Path states = dir.resolve("states");
        Path atEnd = dir.resolve("at-end.html");
        int exit = cli.executeInRealTime("run", Cli.manifest("healthy.yaml"), "--interval", "1s",
                "--router", "fake", "--metrics", "fake",
                "--target", "fake", "--set", "metrics.value.request-success-rate=98", "--state-dir",
                states.toString(), "--report", atEnd.toString());
        assertThat(exit).isEqualTo(CanaryCli.FAILED);
        assertThat(Files.readString(atEnd)).contains("<p id=\"outcome\" class=\"failed\">Failed</p>")
                .contains("<polyline class=\"weight\"").contains("failed checks threshold reached 2/2");

        Path onDemand = dir.resolve("on-demand.html");
        Cli report = new Cli();
        int reportExit = report.executeInRealTime("report", Cli.manifest("healthy.yaml"), "--state-dir",
                states.toString(),
                "-o", onDemand.toString());

        assertThat(reportExit).as(report.err()).isZero();
        assertThat(report.out()).contains("test/podinfo Failed: report written to " + onDemand);
        assertThat(Files.readString(onDemand)).contains("class=\"failed\">Failed</p>")
                .contains("failed checks threshold reached 2/2");
    }

    @Test
    void aCanaryThatWasNeverRunHasNoReport() {
        int exit = cli.execute("report", Cli.manifest("healthy.yaml"), "--state-dir", dir.toString());

        assertThat(exit).isEqualTo(CanaryCli.FAILED);
        assertThat(cli.err()).contains("no run of test/podinfo is stored");
    }
}
