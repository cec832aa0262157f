package dev.canary.report;

import dev.canary.CanaryEvent;
import dev.canary.RunStatus;
import dev.canary.CanaryListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * The HTML report of one run: a single self-contained file (inline CSS and SVG; it fetches nothing and runs no
 * script) with the canary weight over time, each check's values against its bounds, the failed checks and gate
 * waits, every decision with its evidence, and the outcome (or the phase, for a run still going).
 *
 * <pre>{@code
 * Files.writeString(Path.of("run.html"), RunReport.html(execution.status()));   // on demand
 * CanaryRun.builder()...listener(RunReport.writeAtEnd(Path.of("reports")))        // at the end of every run
 * }</pre>
 *
 * <p>Times are shown in UTC. Thread-safe: all methods are static and share no mutable state.
 */
public final class RunReport {
    private RunReport() {
    }

    /** The report of {@code status}, from its history alone (gate waits are read from the decisions). */
    public static String html(RunStatus status) {
        return html(status, List.of());
    }

    /**
     * The report of {@code status} with the events seen during the run: gate waits, warnings and errors are
     * listed and marked on the timeline.
     */
    public static String html(RunStatus status, List<CanaryEvent> events) {
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(events, "events == null");
        return new ReportPage(status, events).render();
    }

    /**
     * Writes the report of {@code status} to {@code file} atomically (a temporary file renamed over it), creating
     * missing directories.
     *
     * @throws UncheckedIOException when it cannot be written
     */
    public static Path write(RunStatus status, List<CanaryEvent> events, Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempFile(absolute.getParent(), ".report", ".html");
            Files.writeString(temporary, html(status, events), StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run report " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** {@link #write(RunStatus, List, Path)} without events. */
    public static Path write(RunStatus status, Path file) {
        return write(status, List.of(), file);
    }

    /**
     * A listener that writes each run's report to {@code directory/<namespace>-<name>.html} when the run ends
     * (succeeded, or rolled back with the rollback confirmed). It keeps the run's gate waits, warnings and errors
     * (the latest {@value ReportWriter#MAX_EVENTS}) for the report. Writing is done on the run's thread at its
     * last tick; a failure is logged at WARN and does not affect the run. Thread-safe; one instance may serve
     * many runs.
     */
    public static CanaryListener writeAtEnd(Path directory) {
        return new ReportWriter(Objects.requireNonNull(directory, "directory == null"));
    }

    /** The file name {@link #writeAtEnd} uses for {@code canary} ({@code namespace/name}). */
    public static String fileName(String canary) {
        return canary.replaceAll("[^A-Za-z0-9._-]", "-") + ".html";
    }
}
