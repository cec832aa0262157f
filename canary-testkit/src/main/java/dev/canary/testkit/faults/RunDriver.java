package dev.canary.testkit.faults;

import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.testkit.ManualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Drives a run on a {@link ManualScheduler}, one scheduled task at a time, on a thread of its own so that a run
 * that blocks cannot block the test: a drive that does not come back within {@link #BOUND} of real time is a
 * hang. Works for runners that finish a tick on the scheduler's thread and for those that finish it later on
 * their executor.
 */
public final class RunDriver {
    /** Real time a whole drive may take before it counts as a hang. */
    public static final Duration BOUND = Duration.ofSeconds(30);

    private final ManualScheduler scheduler;

    public RunDriver(ManualScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Runs at most {@code maxTasks} scheduled tasks, calling {@code beforeTask} with the task's number (from 0)
     * before each, until the run ends.
     */
    public Drive drive(CanaryExecution run, int maxTasks, IntConsumer beforeTask) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fault-run-driver");
            t.setDaemon(true);
            return t;
        });
        long deadline = System.nanoTime() + BOUND.toNanos();
        Future<Integer> driven = thread.submit(() -> loop(run, maxTasks, beforeTask, deadline));
        try {
            int tasks = driven.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return new Drive(run, tasks, tasks < 0);
        } catch (TimeoutException e) {
            driven.cancel(true);
            return new Drive(run, -1, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the driver failed", e.getCause());
        } finally {
            thread.shutdownNow();
        }
    }

    private int loop(CanaryExecution run, int maxTasks, IntConsumer beforeTask, long deadline) {
        int n = 0;
        while (n < maxTasks && !run.result().isDone()) {
            while (scheduler.pendingTasks() == 0 && !run.result().isDone()) {
                if (System.nanoTime() > deadline) {
                    return -1;
                }
                LockSupport.parkNanos(1_000_000);
            }
            if (run.result().isDone()) {
                break;
            }
            beforeTask.accept(n++);
            scheduler.runNext();
        }
        return n;
    }

    /** What a drive came to. */
    public record Drive(CanaryExecution run, int tasks, boolean hung) {
        /** The result, or null while the run goes on (or ended exceptionally). */
        public CanaryResult result() {
            try {
                return run.result().isDone() ? run.result().join() : null;
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                return null;
            }
        }

        /** Whether the run ended with an exception instead of a result. */
        public boolean failed() {
            return run.result().isCompletedExceptionally();
        }

        /** The outcome, with the router's routes read after the drive. */
        public Outcome outcome(Supplier<Routes> routes) {
            CanaryResult r = result();
            Routes last = routes.get();
            boolean ended = run.result().isDone();
            boolean trafficLeft = ended && (last.canary() > 0 || last.mirrored());
            String detail = hung ? "no progress within " + BOUND.toSeconds() + " s"
                    : r != null ? r.phase().displayName() + " after " + tasks + " tasks at " + last + ": " + r.reason()
                    : failed() ? "ended with " + run.result().handle((v, e) -> String.valueOf(e)).join()
                    : run.status().phase().displayName() + " after " + tasks + " tasks at " + last;
            return new Outcome(r != null && r.phase() == Phase.SUCCEEDED, r != null && r.phase() == Phase.FAILED,
                    failed(), hung, trafficLeft, 0, detail.length() > 300 ? detail.substring(0, 300) + "..." : detail);
        }
    }
}
