package dev.canary.prometheus;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An executor whose first {@code parties} tasks each wait, before they run, until all of them have started (at
 * most 10 s). {@link #met()} is true only when they did: proof that the caller had that many tasks in flight at
 * the same time, whatever the machine's speed. A caller that waits for each task before it submits the next
 * keeps the first one waiting the whole 10 s, and {@link #met()} is false.
 */
final class MeetingExecutor implements Executor, AutoCloseable {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch started;
    private final AtomicBoolean waitedInVain = new AtomicBoolean();

    MeetingExecutor(int parties) {
        this.started = new CountDownLatch(parties);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(() -> {
            started.countDown();
            try {
                if (!started.await(10, TimeUnit.SECONDS)) {
                    waitedInVain.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                waitedInVain.set(true);
            }
            task.run();
        });
    }

    /** Whether the first {@code parties} tasks were all started before any of them ran. */
    boolean met() {
        return started.getCount() == 0 && !waitedInVain.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
