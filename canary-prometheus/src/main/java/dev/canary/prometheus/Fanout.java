package dev.canary.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs tasks concurrently on an executor, with the calling thread taking part: it runs the first task and
 * then every task no pool thread has started yet. So the work always finishes, even on a saturated or
 * single-threaded executor, or when the caller itself runs on that executor.
 */
final class Fanout {
    private Fanout() {
    }

    /**
     * Runs every task and returns their results in order. Tasks must not throw.
     *
     * @throws InterruptedException when the caller is interrupted while waiting for a pool thread
     */
    static <T> List<T> all(List<Supplier<T>> tasks, Executor executor) throws InterruptedException {
        List<Claimable<T>> claimables = tasks.stream().map(Claimable::new).toList();
        for (int i = 1; i < claimables.size(); i++) {
            try {
                executor.execute(claimables.get(i)::runIfUnclaimed);
            } catch (RejectedExecutionException e) {
                break; // the caller runs the rest below
            }
        }
        claimables.forEach(Claimable::runIfUnclaimed);
        List<T> results = new ArrayList<>(claimables.size());
        for (Claimable<T> c : claimables) {
            try {
                results.add(c.result.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a query task failed unexpectedly", e.getCause());
            }
        }
        return results;
    }

    /** A task that runs at most once, on whichever thread claims it first. */
    private static final class Claimable<T> {
        private final Supplier<T> task;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<T> result = new CompletableFuture<>();

        Claimable(Supplier<T> task) {
            this.task = task;
        }

        void runIfUnclaimed() {
            if (claimed.compareAndSet(false, true)) {
                try {
                    result.complete(task.get());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            }
        }
    }
}
