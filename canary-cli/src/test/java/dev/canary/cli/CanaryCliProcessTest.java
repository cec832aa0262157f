package dev.canary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command as a user starts it: a separate JVM, its exit code and its output. */
class CanaryCliProcessTest {

    @Test
    void validateInAChildProcessPrintsEveryProblemAndExitsOne() throws Exception {
        String file = Cli.manifest("bad.yaml");

        Result result = java("validate", file);

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.output).contains(file + ":17:17: ").contains("3 problems, not valid");
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result result = java("--help");

        assertThat(result.exit).isZero();
        assertThat(result.output).contains("validate").contains("run");
    }

    private record Result(int exit, String output) {
    }

    private static Result java(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), CanaryCli.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
