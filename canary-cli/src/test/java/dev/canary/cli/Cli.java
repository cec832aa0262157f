package dev.canary.cli;

import static org.awaitility.Awaitility.await;

import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the command line in this process with captured output; runs tick on a manual scheduler that the caller's
 * thread advances, so a run of many intervals takes no waiting.
 */
final class Cli {
    final MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs {@code args} and returns the exit code, advancing time by {@code step} until the command ends. */
    int execute(Duration step, String... args) {
        Environment environment = new Environment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock, scheduler);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> CanaryCli.execute(environment, args));
        for (int i = 0; i < 10_000 && !exit.isDone(); i++) {
            await().atMost(Duration.ofSeconds(30)).until(() -> exit.isDone() || scheduler.pendingTasks() > 0);
            scheduler.advance(step);
        }
        return exit.join();
    }

    int execute(String... args) {
        return execute(Duration.ofSeconds(10), args);
    }

    /**
     * Runs {@code args} on the system clock with a scheduler per run, as the command does for a user; for runs
     * whose providers do I/O (a state store) while a manual clock would race past their call deadlines.
     */
    int executeInRealTime(String... args) {
        return CanaryCli.execute(new Environment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A manifest of the test resources. */
    static String manifest(String name) {
        try {
            return Paths.get(Cli.class.getResource("/manifests/" + name).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path path(String name) {
        return Path.of(manifest(name));
    }
}
