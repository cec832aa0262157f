package dev.canary.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Where the commands print, and the clock and scheduler runs use (the system's by default; tests give a manual
 * scheduler so that runs need no waiting).
 *
 * @param out       where results go
 * @param err       where problems and errors go
 * @param clock     the clock of runs
 * @param scheduler where runs schedule their ticks; null for a thread of their own
 */
public record Environment(PrintStream out, PrintStream err, Clock clock, @Nullable ScheduledExecutorService scheduler) {
    public Environment {
        Objects.requireNonNull(out, "out == null");
        Objects.requireNonNull(err, "err == null");
        Objects.requireNonNull(clock, "clock == null");
    }

    /** The system clock and a scheduler per run. */
    public Environment(PrintStream out, PrintStream err) {
        this(out, err, Clock.systemUTC(), null);
    }
}
