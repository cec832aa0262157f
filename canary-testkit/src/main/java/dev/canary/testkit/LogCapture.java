package dev.canary.testkit;

import dev.canary.testkit.faults.Leaks;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the log while a test runs (SLF4J's simple logger writes to {@code System.err}; {@link Leaks} tees it),
 * with the named loggers opened to DEBUG until {@link #close}, whatever a module's {@code simplelogger.properties}
 * says, so that a test can read what a quiet logger would write. With another SLF4J provider the levels stay as
 * they are. Not thread-safe; one per test.
 */
public final class LogCapture implements AutoCloseable {
    /** SLF4J simple's DEBUG level. */
    private static final int DEBUG = 10;

    private final Leaks capture = new Leaks(List.of());
    private final Map<Logger, Integer> levels = new LinkedHashMap<>();

    private LogCapture() {
    }

    /** Starts capturing, with {@code loggers} (names, such as a class's name) at DEBUG. */
    public static LogCapture of(String... loggers) {
        LogCapture capture = new LogCapture();
        for (String name : loggers) {
            capture.open(LoggerFactory.getLogger(name));
        }
        return capture;
    }

    /** What was logged since the capture started. */
    public String log() {
        return capture.log();
    }

    /** The lines logged since the capture started. */
    public List<String> lines() {
        return List.of(log().split("\r\n|\r|\n|\u0085|\u2028|\u2029"));
    }

    /** The lines that hold {@code text}. */
    public List<String> linesWith(String text) {
        List<String> found = new ArrayList<>();
        for (String line : lines()) {
            if (line.contains(text)) {
                found.add(line);
            }
        }
        return found;
    }

    @Override
    public void close() {
        levels.forEach((logger, level) -> level(logger, level));
        capture.close();
    }

    private void open(Logger logger) {
        Field field = levelField(logger.getClass());
        if (field != null) {
            try {
                levels.put(logger, field.getInt(logger));
                field.setInt(logger, DEBUG);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set the level of " + logger.getName(), e);
            }
        }
    }

    private static void level(Logger logger, int level) {
        try {
            Field field = levelField(logger.getClass());
            if (field != null) {
                field.setInt(logger, level);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot restore the level of " + logger.getName(), e);
        }
    }

    private static @Nullable Field levelField(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField("currentLogLevel");
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // not this class: look at its superclass
            }
        }
        return null;
    }
}
