package dev.canary.internal.hooks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers event hooks and alerts in the background, one at a time and in order, from a bounded queue: when the
 * queue is full a delivery is dropped with a warning rather than block the tick. {@link #drain} lets the queue
 * empty (up to a limit) and stops the thread; the next {@link #submit} starts a new one. Thread-safe.
 */
final class Dispatcher {
    /** Deliveries waiting at most. */
    static final int CAPACITY = 256;
    private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

    private final String threadName;
    private @Nullable ThreadPoolExecutor executor;

    Dispatcher(String threadName) {
        this.threadName = threadName;
    }

    /** Queues {@code task}; {@code what} names it in logs. Failures of the task are logged. */
    synchronized void submit(String what, Runnable task) {
        if (executor == null || executor.isShutdown()) {
            executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(CAPACITY),
                    r -> {
                        Thread t = new Thread(r, threadName);
                        t.setDaemon(true);
                        return t;
                    });
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    logger.warn("{} failed: {}", what, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            logger.warn("{} dropped: {} deliveries are already waiting", what, CAPACITY);
        }
    }

    /** Lets queued deliveries finish for up to {@code max}, then drops the rest (logging how many). */
    void drain(Duration max) {
        ThreadPoolExecutor running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(max.toMillis(), TimeUnit.MILLISECONDS)) {
                List<Runnable> dropped = running.shutdownNow();
                logger.warn("{}: {} deliveries dropped after waiting {} for them", threadName, dropped.size(), max);
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
