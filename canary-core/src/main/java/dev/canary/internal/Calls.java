package dev.canary.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Every call a run makes out to user code (providers, gates, listeners, hooks) goes through here: it gets a
 * deadline, any {@link Throwable} it throws is contained in the returned future, and a blocking call runs on the
 * bounded blocking executor, never on the thread that asked. An answer that comes after the deadline (by the
 * run's clock) is a failure too. A blocking call that missed its deadline and has not returned yet keeps its name
 * busy: further calls of that name fail at once instead of taking another thread. Thread-safe.
 */
final class Calls {
    private final String run;
    private final ScheduledExecutorService timer;
    private final Executor blocking;
    private final Executor stages;
    private final Clock clock;
    private final Map<String, Instant> stuck = new ConcurrentHashMap<>();

    Calls(String run, ScheduledExecutorService timer, Executor blocking, Executor stages, Clock clock) {
        this.run = run;
        this.timer = timer;
        this.blocking = blocking;
        this.stages = stages;
        this.clock = clock;
    }

    Executor blocking() {
        return blocking;
    }

    /** Runs {@code call} on the blocking executor; the future fails when it throws or misses {@code deadline}. */
    <T> CompletableFuture<T> blocking(String what, Instant deadline, Callable<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (refused(what, deadline, future)) {
            return future;
        }
        AtomicBoolean started = new AtomicBoolean();
        ScheduledFuture<?> expiry;
        try {
            expiry = expire(what, deadline, future, started);
        } catch (RejectedExecutionException e) {
            return lastResort(what, deadline, call);
        }
        try {
            blocking.execute(() -> {
                if (future.isDone()) {
                    return;
                }
                started.set(true);
                try {
                    settle(what, deadline, future, call.call(), null);
                } catch (Throwable e) {
                    settle(what, deadline, future, null, e);
                } finally {
                    stuck.remove(what);
                    expiry.cancel(false);
                }
            });
        } catch (RejectedExecutionException e) {
            expiry.cancel(false);
            return lastResort(what, deadline, call);
        }
        return future;
    }

    /**
     * For when the runtime's threads are gone (closed under a running run): the call runs on a thread of its own,
     * still bounded by its deadline, so that a run stopping for that reason can still return traffic to the primary.
     */
    private <T> CompletableFuture<T> lastResort(String what, Instant deadline, Callable<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                settle(what, deadline, future, call.call(), null);
            } catch (Throwable e) {
                settle(what, deadline, future, null, e);
            }
        }, "canary-last-resort");
        thread.setDaemon(true);
        thread.start();
        Duration left = Duration.between(clock.instant(), deadline);
        return future.orTimeout(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * Calls an asynchronous {@code call}. An answer already there is taken at once (no timer, no thread hop);
     * otherwise the deadline is armed, the answer is judged on time or late when it arrives, and the tick
     * continues on the stage executor.
     */
    <T> CompletableFuture<T> async(String what, Instant deadline, Supplier<? extends CompletionStage<T>> call) {
        return onStages(asyncHere(what, deadline, call));
    }

    /**
     * As {@link #async}, but the future completes where the answer arrives (a provider's thread, or the timer at the
     * deadline): for calls made together, so that the tick hands over to the stage executor once after all of
     * them answered ({@link #onStages}), not once per call.
     */
    <T> CompletableFuture<T> asyncHere(String what, Instant deadline,
            Supplier<? extends CompletionStage<T>> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (refused(what, deadline, future)) {
            return future;
        }
        CompletionStage<T> stage;
        try {
            stage = call.get();
            if (stage == null) {
                throw new NullPointerException(what + " returned no future");
            }
        } catch (Throwable e) {
            settle(what, deadline, future, null, e);
            return future;
        }
        if (stage instanceof CompletableFuture<T> done && done.isDone()) {
            done.whenComplete((value, failure) -> settle(what, deadline, future, value, failure));
            return future;
        }
        // an abandoned asynchronous call holds no thread: it never makes its name busy
        ScheduledFuture<?> expiry = expire(what, deadline, future, new AtomicBoolean());
        stage.whenComplete((value, failure) -> {
            // settled where the answer arrives, so that a busy runtime does not turn a timely answer into a late
            // one; the tick itself continues on the stage executor, never on the provider's thread
            expiry.cancel(false);
            settle(what, deadline, future, value, failure);
        });
        return future;
    }

    /**
     * {@code future}, continued on the stage executor when it has not completed yet; one that already has continues
     * on the calling thread (no hop). Where the answer of an asynchronous call arrives, only it is settled: the
     * tick goes on on a stage thread, never on the provider's.
     */
    <T> CompletableFuture<T> onStages(CompletableFuture<T> future) {
        return future.isDone() ? future : future.whenCompleteAsync((value, failure) -> { }, stages);
    }

    private boolean refused(String what, Instant deadline, CompletableFuture<?> future) {
        Instant busySince = stuck.get(what);
        if (busySince != null) {
            future.completeExceptionally(new CallFailedException(run, what + " is still busy with a call that "
                    + "missed its deadline (called at " + busySince + "); not called again until it returns"));
            return true;
        }
        if (!clock.instant().isBefore(deadline)) {
            future.completeExceptionally(new CallFailedException(run, what + " not called: no time left before "
                    + "the deadline " + deadline));
            return true;
        }
        return false;
    }

    private ScheduledFuture<?> expire(String what, Instant deadline, CompletableFuture<?> future,
            AtomicBoolean started) {
        Duration left = Duration.between(clock.instant(), deadline);
        Instant since = clock.instant();
        return timer.schedule(() -> {
            if (future.completeExceptionally(missed(what, since, left)) && started.get()) {
                stuck.put(what, since);
            }
        }, left.toNanos(), TimeUnit.NANOSECONDS);
    }

    private <T> void settle(String what, Instant deadline, CompletableFuture<T> future, @Nullable T value,
            @Nullable Throwable failure) {
        if (future.isDone()) {
            return;
        }
        if (clock.instant().isAfter(deadline)) {
            future.completeExceptionally(new CallFailedException(run, what + " answered after its deadline "
                    + deadline + " (at " + clock.instant() + ")"));
        } else if (failure != null) {
            Throwable e = unwrap(failure);
            // an Error from user code is contained like any failure of the call, never taken for the runner's own
            future.completeExceptionally(e instanceof Error
                    ? new CallFailedException(run, what + " threw " + e, e) : e);
        } else {
            future.complete(value);
        }
    }

    private CallFailedException missed(String what, Instant since, Duration allowed) {
        return new CallFailedException(run, what + " did not answer within " + dev.canary.spi.Durations.format(allowed)
                + " (called at " + since + ")");
    }

    static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
