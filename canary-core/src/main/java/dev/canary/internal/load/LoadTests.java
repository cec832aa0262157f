package dev.canary.internal.load;

import dev.canary.LoadTest;
import dev.canary.spec.GateResult;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The load tests and commands started by hooks, deduplicated by (canary, command) like Flagger's load tester: a
 * hook called while its job runs reports on it; called after the job ended, it reports the end and starts the
 * job again. A {@code hey} command runs on the built-in generator unless {@code hey} is allowed; any other
 * command runs only when its program is allowed (exact first word), never through a shell. Thread-safe.
 */
public final class LoadTests {
    private final OkHttpClient http;
    private final Set<String> allowed;
    private final Map<String, LoadJob> jobs = new HashMap<>();

    @FunctionalInterface
    private interface Starter {
        LoadJob start() throws IOException;
    }

    public LoadTests(OkHttpClient http, Set<String> allowedCommands) {
        this.http = http;
        this.allowed = Set.copyOf(allowedCommands);
    }

    /** Why {@code command} would not start with these allowed programs, or null when it would. */
    public static @Nullable String problem(String command, Set<String> allowed) {
        try {
            List<String> argv = CommandLine.split(command);
            if (!allowed.contains(argv.get(0))) {
                check(argv);
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Runs (or reports on) the command of a {@code cmd} webhook. */
    public synchronized GateResult command(String canary, String command) {
        return run(canary + "\n" + command, () -> {
            List<String> argv = CommandLine.split(command);
            String thread = "canary-load-" + canary;
            if (allowed.contains(argv.get(0))) {
                return new ProcessJob("command [" + command + "]", argv, thread);
            }
            return new BuiltInJob("built-in load generator [" + command + "]", check(argv), http, thread);
        });
    }

    /** Runs (or reports on) a load test registered for the webhook {@code name}. */
    public synchronized GateResult loadTest(String canary, String name, LoadTest test) {
        return run(canary + "\nloadTest:" + name, () -> new BuiltInJob("load test '" + name + "'", test, http,
                "canary-load-" + canary));
    }

    /** Stops every job of {@code canary}. */
    public synchronized void stop(String canary) {
        jobs.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(canary + "\n")) {
                e.getValue().stop();
                return true;
            }
            return false;
        });
    }

    /** Stops every job. */
    public synchronized void stopAll() {
        jobs.values().forEach(LoadJob::stop);
        jobs.clear();
    }

    private GateResult run(String key, Starter starter) {
        LoadJob job = jobs.get(key);
        if (job != null && job.isRunning()) {
            return job.progress();
        }
        GateResult last = job == null ? null : job.progress();
        LoadJob started;
        try {
            started = starter.start();
        } catch (IOException | IllegalArgumentException e) {
            jobs.remove(key);
            return GateResult.deny(startFailure(e));
        }
        jobs.put(key, started);
        if (last == null) {
            return LoadJob.answer(true, "started");
        }
        return new GateResult(last.answer(), last.detail() + "; started again");
    }

    /** The built-in load test of a hey command; any other program is refused. */
    private static LoadTest check(List<String> argv) {
        String program = argv.get(0);
        if (!HeyCommand.isHey(program)) {
            throw new IllegalArgumentException("command '" + program + "' is not run: commands from a spec run "
                    + "only when allowed with CanaryRun.builder().allowCommands(\"" + program + "\") (hey commands "
                    + "run on the built-in load generator without that)");
        }
        return HeyCommand.parse(argv);
    }

    private static String startFailure(Exception e) {
        if (e instanceof IOException) {
            return "cannot start the command: " + e.getMessage() + "; install it on this machine, or remove it "
                    + "from allowCommands to use the built-in load generator for hey commands";
        }
        return Objects.requireNonNullElse(e.getMessage(), e.toString());
    }
}
