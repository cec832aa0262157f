package dev.canary.testkit.prometheus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds Prometheus' binaries: the server ({@code $PROMETHEUS_BIN}, else {@code prometheus} on the {@code PATH}) and
 * promtool ({@code $PROMTOOL_BIN}, else {@code promtool} on the {@code PATH}). The Debian package {@code prometheus}
 * installs both. Stateless.
 */
final class PrometheusBinary {
    static final String VARIABLE = "PROMETHEUS_BIN";
    static final String PROMTOOL_VARIABLE = "PROMTOOL_BIN";

    private PrometheusBinary() {
    }

    /**
     * The server binary named by {@code env}'s {@code PROMETHEUS_BIN}, else the first {@code prometheus} on its
     * {@code PATH}.
     *
     * @throws IllegalStateException when {@code PROMETHEUS_BIN} is not an executable file, or there is none
     */
    static Path locate(Map<String, String> env) {
        return locate(env, VARIABLE, "prometheus", "The Prometheus server binary");
    }

    /** The promtool binary, found as {@link #locate(Map)} finds the server, from {@code PROMTOOL_BIN}. */
    static Path locatePromtool(Map<String, String> env) {
        return locate(env, PROMTOOL_VARIABLE, "promtool", "promtool");
    }

    private static Path locate(Map<String, String> env, String variable, String name, String what) {
        String install = "Install it with 'apt-get install prometheus' (Debian, Ubuntu; scripts/test installs it, "
                + "then runs every test), or set " + variable + " to a " + name + " binary.";
        String configured = env.get(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.strip());
            if (!executable(path)) {
                throw new IllegalStateException(variable + "=" + configured + " is not an executable file. " + install);
            }
            return path;
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && executable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        throw new IllegalStateException(what + " was not found: " + variable + " is not set and there is no '" + name
                + "' on the PATH. " + install);
    }

    private static boolean executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
