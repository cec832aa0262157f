package dev.canary.examples;

import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.examples.demo.DemoEnvironment;
import dev.canary.examples.demo.TrafficSplit;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The end of a demo run: waiting for its result, measuring the split after it, and the closing summary. */
final class DemoRuns {
    /** How long the load keeps running after the run, to show where traffic goes then. */
    static final Duration SETTLE = Duration.ofSeconds(1);

    private DemoRuns() {
    }

    /**
     * Waits for the run's result, aborting the run after {@code limit}.
     *
     * @throws IllegalStateException when the run did not end in time or could not go on
     */
    static CanaryResult await(CanaryExecution execution, Duration limit) {
        try {
            return execution.result().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            execution.abort("the demo's time limit of " + limit.toSeconds() + " s was reached");
            throw new IllegalStateException("the run did not end within " + limit.toSeconds() + " s (last status: "
                    + execution.status().summary() + ")", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the run could not go on: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the run", e);
        }
    }

    /** Keeps the load running {@link #SETTLE} after the run and returns how the proxy split it meanwhile. */
    static TrafficSplit settle(DemoEnvironment env, Clock clock) {
        Instant end = clock.instant();
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return env.proxy().log().split(end, clock.instant());
    }

    /** Prints how the run ended, the peak weight, the primary's revision and the split after the run. */
    static void summarize(DemoReport report, PrintStream out) {
        CanaryResult result = report.result();
        out.printf("%s after %d s: %s%n", result.phase().displayName(), result.duration().toSeconds(),
                result.reason());
        out.printf("peak canary weight %d %%; the primary now runs %s%n", report.peakWeight(),
                report.primaryRevision());
        out.printf("requests at the proxy in the %d s after the run: %s%n", SETTLE.toSeconds(), report.finalSplit());
    }
}
