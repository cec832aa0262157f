package dev.canary.internal.hooks;

import dev.canary.spec.Redaction;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the event hooks and alerts of one run in the background, one at a time and in order, on an executor
 * shared by all runs (no thread of its own): a bounded queue per run, so that a full queue drops a delivery with a
 * warning rather than block the tick, and a deadline to start: a delivery still queued {@link #MAX_WAIT} after it
 * was submitted (the receivers before it were slow) is dropped with a warning. Each delivery bounds its own
 * calls (webhook timeouts and retries, the alert provider's timeout). {@link #drain} waits for the queue to empty
 * (up to a limit) and drops the rest; the dispatcher can be used again afterwards. Thread-safe.
 */
final class Dispatcher {
    /** Deliveries waiting at most. */
    static final int CAPACITY = 256;
    /** How long a delivery may wait in the queue before it is dropped. */
    static final Duration MAX_WAIT = Duration.ofMinutes(1);
    private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

    private final String name;
    private final Executor executor;
    private final long maxWaitNanos;
    private final java.util.function.LongSupplier nanoTime;
    // guarded by this
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private boolean running;

    private record Delivery(String what, Runnable task, long queuedAt) {
    }

    /** A dispatcher on a small pool of daemon threads shared by every dispatcher made this way. */
    Dispatcher(String name) {
        this(name, Fallback.POOL);
    }

    /** A dispatcher whose deliveries run on {@code executor} (shared with other runs; never shut down here). */
    Dispatcher(String name, Executor executor) {
        this(name, executor, MAX_WAIT, System::nanoTime);
    }

    /** With the wait allowed before a delivery starts and the time source that measures it (for tests). */
    Dispatcher(String name, Executor executor, Duration maxWait, java.util.function.LongSupplier nanoTime) {
        this.name = name;
        this.executor = executor;
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Queues {@code task}; {@code what} names it in logs. Failures of the task are logged. */
    void submit(String what, Runnable task) {
        synchronized (this) {
            if (queue.size() >= CAPACITY) {
                logger.warn("{} dropped: {} deliveries are already waiting", Redaction.oneLine(what), CAPACITY);
                return;
            }
            queue.add(new Delivery(what, task, nanoTime.getAsLong()));
            if (running) {
                return;
            }
            running = true;
        }
        next();
    }

    /** Lets queued deliveries finish for up to {@code max}, then drops the rest (logging how many). */
    void drain(Duration max) {
        long end = System.nanoTime() + max.toNanos();
        synchronized (this) {
            try {
                for (long left = max.toNanos(); (running || !queue.isEmpty()) && left > 0;
                        left = end - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!queue.isEmpty()) {
                logger.warn("{}: {} deliveries dropped after waiting {} for them", Redaction.oneLine(name),
                        queue.size(), max);
                queue.clear();
            }
        }
    }

    /** Hands the next delivery to the executor; each delivery is one task, so runs take turns on its threads. */
    private void next() {
        try {
            executor.execute(this::runOne);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                logger.warn("{}: {} deliveries dropped: the executor refused them (closed?)", Redaction.oneLine(name),
                        queue.size());
                queue.clear();
                running = false;
                notifyAll();
            }
        }
    }

    private void runOne() {
        Delivery delivery;
        synchronized (this) {
            delivery = queue.poll();
        }
        if (delivery != null) {
            deliver(delivery);
        }
        synchronized (this) {
            if (queue.isEmpty()) {
                running = false;
                notifyAll();
                return;
            }
        }
        next();
    }

    private void deliver(Delivery delivery) {
        long waited = nanoTime.getAsLong() - delivery.queuedAt();
        if (waited > maxWaitNanos) {
            logger.warn("{} dropped: not started within {} ms of being queued (the deliveries before it were slow)",
                    Redaction.oneLine(delivery.what()), maxWaitNanos / 1_000_000);
            return;
        }
        try {
            delivery.task().run();
        } catch (RuntimeException | Error e) {
            // user code (an alert provider, a gate answering an event hook): contained, the next delivery goes on
            logger.warn("{} failed: {}", Redaction.oneLine(delivery.what()), Redaction.logged(e));
        }
    }

    /** For dispatchers made without an executor (tests, hooks built outside a runtime). */
    private static final class Fallback {
        static final ThreadPoolExecutor POOL = pool();

        private static ThreadPoolExecutor pool() {
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "canary-notify-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
