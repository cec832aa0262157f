package dev.canary.testkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor for tests of user code that blocks forever. Each task runs on a thread of its own, and
 * {@link #execute} returns once the task finished or a call inside it entered {@link #hang()}; so calls that
 * return run as if inline (the test stays deterministic with a manual scheduler) while a hanging call is left
 * behind, blocked, as it would be in production. {@link #close()} lets the hanging calls return.
 */
public final class HangingCalls implements Executor, AutoCloseable {
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hanging-calls");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger hangs = new AtomicInteger();

    /** Blocks the calling thread until {@link #close()}; call it from user code that should hang. */
    public void hang() {
        hangs.incrementAndGet();
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many calls entered {@link #hang()}. */
    public int hangs() {
        return hangs.get();
    }

    @Override
    public void execute(Runnable task) {
        int before = hangs.get();
        Future<?> done = threads.submit(task);
        try {
            // every waiter sees a new hang (nested calls included): nothing is consumed
            while (!done.isDone() && hangs.get() == before) {
                released.await(1, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        threads.shutdownNow();
    }
}
