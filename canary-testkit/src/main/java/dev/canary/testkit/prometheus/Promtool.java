package dev.canary.testkit.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool} to backfill history: {@code promtool tsdb create-blocks-from openmetrics}
 * turns OpenMetrics text (such as {@link TraefikHistoryWriter}'s) into TSDB blocks in a data directory, which a
 * Prometheus server started on that directory then serves. The binary is {@code $PROMTOOL_BIN}, else
 * {@code promtool} on the {@code PATH} (the Debian package {@code prometheus} ships {@code /usr/bin/promtool}).
 * Stateless.
 */
public final class Promtool {
    /** How long a backfill may take. */
    static final long TIMEOUT_SECONDS = 300;

    private Promtool() {
    }

    /**
     * Creates blocks in {@code dataDirectory} from the OpenMetrics file {@code openMetrics}.
     *
     * @throws IllegalStateException when promtool is missing (saying how to install it) or fails (quoting it)
     */
    public static void createBlocks(Path openMetrics, Path dataDirectory) {
        Path binary = locate(System.getenv());
        try {
            Files.createDirectories(dataDirectory);
            Path log = Files.createTempFile("promtool-", ".log");
            try {
                Process process = new ProcessBuilder(List.of(binary.toString(), "tsdb", "create-blocks-from",
                        "openmetrics", openMetrics.toString(), dataDirectory.toString()))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("promtool did not finish the backfill of " + openMetrics
                            + " within " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("promtool could not backfill " + openMetrics + " (exit "
                            + process.exitValue() + "): " + Files.readString(log, StandardCharsets.UTF_8).strip());
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run promtool (" + binary + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the promtool backfill", e);
        }
    }

    /**
     * The promtool binary: {@code PROMTOOL_BIN} in {@code env}, else {@code promtool} on its {@code PATH}.
     *
     * @throws IllegalStateException when there is none, saying how to install it
     */
    public static Path locate(Map<String, String> env) {
        return PrometheusBinary.locatePromtool(env);
    }
}
