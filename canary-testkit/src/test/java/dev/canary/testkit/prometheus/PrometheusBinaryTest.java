package dev.canary.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusBinaryTest {
    @TempDir
    Path dir;

    private Path executable(Path directory) throws IOException {
        return executable(directory, "prometheus");
    }

    private Path executable(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.writeString(directory.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Nested
    class FromTheVariable {
        @Test
        void prefersPrometheusBinOverThePath() throws IOException {
            Path named = executable(dir.resolve("named"));
            executable(dir.resolve("onPath"));
            assertThat(PrometheusBinary.locate(Map.of("PROMETHEUS_BIN", named.toString(),
                    "PATH", dir.resolve("onPath").toString()))).isEqualTo(named);
        }

        @Test
        void refusesAFileThatIsNotExecutableAndSaysHowToInstall() throws IOException {
            Path plain = Files.writeString(dir.resolve("prometheus"), "text");
            assertThatThrownBy(() -> PrometheusBinary.locate(Map.of("PROMETHEUS_BIN", plain.toString())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("PROMETHEUS_BIN=" + plain + " is not an executable file.")
                    .hasMessageContaining("apt-get install prometheus").hasMessageContaining("scripts/test");
        }
    }

    @Nested
    class FromThePath {
        @Test
        void takesTheFirstPrometheusOnThePath() throws IOException {
            Path second = executable(dir.resolve("b"));
            Files.createDirectories(dir.resolve("a"));
            String path = dir.resolve("a") + File.pathSeparator + "" + File.pathSeparator + dir.resolve("b");
            assertThat(PrometheusBinary.locate(Map.of("PROMETHEUS_BIN", " ", "PATH", path))).isEqualTo(second);
        }

        @Test
        void skipsADirectoryNamedPrometheus() throws IOException {
            Files.createDirectories(dir.resolve("a/prometheus"));
            Path real = executable(dir.resolve("b"));
            assertThat(PrometheusBinary.locate(Map.of("PATH", dir.resolve("a") + File.pathSeparator
                    + dir.resolve("b")))).isEqualTo(real);
        }

        @Test
        void failsWithTheInstallHintWhenThereIsNone() {
            assertThatThrownBy(() -> PrometheusBinary.locate(Map.of("PATH", dir.toString())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("The Prometheus server binary was not found: PROMETHEUS_BIN is not set "
                            + "and there is no 'prometheus' on the PATH.")
                    .hasMessageContaining("apt-get install prometheus").hasMessageContaining("scripts/test");
        }
    }

    @Nested
    class PromtoolBinary {
        @Test
        void isFoundTheSameWayFromItsOwnVariableOrThePath() throws IOException {
            Path named = executable(dir.resolve("named"), "promtool");
            Path onPath = executable(dir.resolve("onPath"), "promtool");
            executable(dir.resolve("onPath"), "prometheus");
            assertThat(PrometheusBinary.locatePromtool(Map.of("PROMTOOL_BIN", named.toString(),
                    "PATH", onPath.getParent().toString()))).isEqualTo(named);
            assertThat(PrometheusBinary.locatePromtool(Map.of("PROMETHEUS_BIN", named.toString(),
                    "PATH", onPath.getParent().toString()))).isEqualTo(onPath);
        }

        @Test
        void failsNamingItsVariableAndThePackage() {
            assertThatThrownBy(() -> PrometheusBinary.locatePromtool(Map.of("PATH", dir.toString())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("promtool was not found: PROMTOOL_BIN is not set and there is no "
                            + "'promtool' on the PATH.")
                    .hasMessageContaining("apt-get install prometheus");
        }
    }
}
