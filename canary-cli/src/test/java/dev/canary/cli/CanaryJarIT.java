package dev.canary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The executable jar users run ({@code java -jar canary-cli-<version>-all.jar}, which {@code scripts/canary}
 * starts), after {@code package}: its manifest, its shaded services and its exit codes.
 */
class CanaryJarIT {

    @Test
    void versionNamesTheRelease() throws Exception {
        JarRun run = JarRun.of("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.output().strip()).isEqualTo("canary " + System.getProperty("canary.version"));
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        JarRun run = JarRun.of("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("validate", "run", "report", "status", "abort", "promote", "approve",
                "deny", "simulate");
    }

    @Test
    void validatePrintsEveryProblemWithLineAndColumnAndExitsOne() throws Exception {
        String file = Cli.manifest("bad.yaml");

        JarRun run = JarRun.of("validate", file);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains(file + ":17:17: document 1, spec.analysis.stepWeight: must be between 0 "
                + "and 100 but was 150").contains(file + ":22:11: ").contains(file + ": 3 problems, not valid");
    }

    @Test
    void validateAcceptsAGoodManifestAndExitsZero() throws Exception {
        JarRun run = JarRun.of("validate", Cli.manifest("healthy.yaml"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("Canary test/podinfo: 2 checks").contains("valid");
    }

    @Test
    void anUnknownOptionIsBadUsageExitTwo() throws Exception {
        JarRun run = JarRun.of("validate", "--no-such-option", Cli.manifest("healthy.yaml"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("--no-such-option");
    }

    /** One {@code java [jvmOptions] -jar <jar> args} process: its exit code and its output (stdout and stderr). */
    record JarRun(int exit, String output) {
        static JarRun of(String... args) throws IOException, InterruptedException {
            return of(List.of(), args);
        }

        static JarRun of(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
            Path jar = Path.of(System.getProperty("canary.cli.jar", "target/missing.jar"));
            assertThat(jar).as("the shaded jar (run with mvn verify, after package)").isRegularFile();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(List.of(args));
            Path log = Files.createTempFile("canary-jar", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("still running after 120 s: " + command + "\n" + Files.readString(log));
                }
                return new JarRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }
}
