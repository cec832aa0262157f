package dev.canary.report;

import dev.canary.CanaryEvent;
import dev.canary.RunStatus;
import dev.canary.CanaryListener;
import dev.canary.spec.Redaction;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps each run's notable events and writes its report when it ends. Thread-safe. */
final class ReportWriter implements CanaryListener {
    static final int MAX_EVENTS = 500;
    private static final Logger logger = LoggerFactory.getLogger(ReportWriter.class);

    private final Path directory;
    private final Map<String, Deque<CanaryEvent>> events = new HashMap<>();

    ReportWriter(Path directory) {
        this.directory = directory;
    }

    @Override
    public void onEvent(CanaryEvent event) {
        if (event instanceof CanaryEvent.Ticked ticked) {
            RunStatus status = ticked.status();
            if (status.phase().isTerminal() && status.rollbackPending() == null) {
                write(status, take(event.canary()));
            }
        } else if (ReportPage.notable(event)) {
            synchronized (events) {
                Deque<CanaryEvent> kept = events.computeIfAbsent(event.canary(), k -> new ArrayDeque<>());
                kept.addLast(event);
                if (kept.size() > MAX_EVENTS) {
                    kept.removeFirst();
                }
            }
        }
    }

    private List<CanaryEvent> take(String canary) {
        synchronized (events) {
            Deque<CanaryEvent> kept = events.remove(canary);
            return kept == null ? List.of() : List.copyOf(kept);
        }
    }

    private void write(RunStatus status, List<CanaryEvent> kept) {
        try {
            Path file = RunReport.write(status, kept, directory.resolve(RunReport.fileName(status.canary())));
            logger.info("canary {}: run report written to {}", status.canary(), Redaction.oneLine(file.toString()));
        } catch (RuntimeException e) {
            logger.warn("canary {}: cannot write the run report: {}", status.canary(),
                    Redaction.logged(e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "RunReport.writeAtEnd(" + directory + ")";
    }
}
