package dev.canary.kubernetes.replicas;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One replica's view of a shared manual scheduler: its tasks run on the shared time line until the replica is
 * killed, after which they do nothing. A killed replica stops at once, releasing nothing, as after kill -9.
 */
final class ReplicaScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final ScheduledExecutorService shared;
    private volatile boolean killed;

    ReplicaScheduler(ScheduledExecutorService shared) {
        this.shared = shared;
    }

    void kill() {
        killed = true;
    }

    boolean killed() {
        return killed;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return shared.schedule(() -> {
            if (!killed) {
                command.run();
            }
        }, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return shared.schedule(() -> killed ? null : callable.call(), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        throw new UnsupportedOperationException("not used");
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }
}
