package dev.canary.internal.hooks;

import dev.canary.Alert;
import dev.canary.AlertProvider;
import java.io.PrintStream;
import java.util.Objects;

/** Writes {@code ALERT <line>} per alert to a stream; lines are written whole (synchronized on the stream). */
public final class PrintingAlertProvider implements AlertProvider {
    private final PrintStream out;

    public PrintingAlertProvider(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out == null");
    }

    @Override
    public void send(Alert alert) {
        String line = "ALERT " + alert.line();
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public String toString() {
        return "printing";
    }
}
