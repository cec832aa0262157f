package dev.canary.testkit.prometheus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds the Prometheus server binary: {@code $PROMETHEUS_BIN}, else {@code prometheus} on the {@code PATH}. */
final class PrometheusBinary {
    static final String VARIABLE = "PROMETHEUS_BIN";
    static final String INSTALL = "Install it with 'apt-get install prometheus' (Debian, Ubuntu; scripts/test "
            + "installs it, then runs every test), or set PROMETHEUS_BIN to a prometheus binary.";

    private PrometheusBinary() {
    }

    /**
     * The binary named by {@code env}'s {@code PROMETHEUS_BIN}, else the first {@code prometheus} on its
     * {@code PATH}.
     *
     * @throws IllegalStateException when {@code PROMETHEUS_BIN} is not an executable file, or there is none
     */
    static Path locate(Map<String, String> env) {
        String configured = env.get(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.strip());
            if (!executable(path)) {
                throw new IllegalStateException(VARIABLE + "=" + configured + " is not an executable file. " + INSTALL);
            }
            return path;
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && executable(Path.of(dir, "prometheus"))) {
                return Path.of(dir, "prometheus");
            }
        }
        throw new IllegalStateException("The Prometheus server binary was not found: " + VARIABLE + " is not set "
                + "and there is no 'prometheus' on the PATH. " + INSTALL);
    }

    private static boolean executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
