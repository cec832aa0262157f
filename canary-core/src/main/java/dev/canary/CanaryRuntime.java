package dev.canary;

import dev.canary.internal.TickGrid;
import dev.canary.internal.TickStats;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that drive runs: one scheduler thread for ticks and call deadlines, a few stage threads for the
 * work between calls, a bounded pool for blocking provider calls, and a few threads that deliver event hooks and
 * alerts. A tick never holds a thread while it waits
 * for a provider, so one runtime serves thousands of runs (see {@code docs/runner.md}).
 *
 * <p>Runs built without {@link CanaryRun.Builder#runtime(CanaryRuntime)}, {@code scheduler(..)} or
 * {@code executor(..)} share {@link #shared()}: daemon threads created on first use that live as long as the JVM.
 * A runtime made with {@link #builder()} belongs to its creator, who closes it once, after its runs ended;
 * runs still going when it closes end exceptionally. Thread-safe.
 */
public final class CanaryRuntime implements AutoCloseable {
    /** Threads for blocking provider calls by default. */
    public static final int DEFAULT_BLOCKING_THREADS = 16;
    /** Threads for the work between calls (engine steps, events) by default. */
    public static final int DEFAULT_STAGE_THREADS = 2;
    /** Threads that deliver event hooks and alerts by default. */
    public static final int DEFAULT_DELIVERY_THREADS = 4;
    /** The grid that the schedules of runs are aligned to by default. */
    public static final Duration DEFAULT_TICK_GRID = Duration.ofMillis(100);

    private static final class Shared {
        static final CanaryRuntime INSTANCE = builder().build();
    }

    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService stages;
    private final ExecutorService blocking;
    private final ExecutorService deliveries;
    private final TickStats stats = new TickStats();
    private final TickGrid tickGrid;

    private CanaryRuntime(Builder builder) {
        this.tickGrid = new TickGrid(builder.tickGrid);
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemons("canary-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.stages = fixed(builder.stageThreads, "canary-stage");
        this.blocking = fixed(builder.blockingThreads, "canary-io");
        this.deliveries = fixed(builder.deliveryThreads, "canary-notify");
    }

    /** The runtime that runs share by default. Closing it does nothing. */
    public static CanaryRuntime shared() {
        return Shared.INSTANCE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where ticks and call deadlines are scheduled. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Where the stages of a tick continue after a provider answered. */
    public Executor stages() {
        return stages;
    }

    /** Where blocking provider calls run (bounded; calls waiting past their deadline are not started). */
    public Executor blocking() {
        return blocking;
    }

    /**
     * Where event hooks and alerts are delivered: each run's deliveries one at a time and in order, all runs
     * sharing these threads (a delivery not started within a minute is dropped; see {@code docs/hooks.md}).
     */
    public Executor deliveries() {
        return deliveries;
    }

    /**
     * The grid that the schedules of this runtime's runs are aligned to: a run ticks at once when started, then at
     * its start rounded up to the grid plus k intervals, so that runs started within one grid step tick together, in
     * one wake-up of the scheduler thread. Zero when schedules are not aligned. Runs whose interval is shorter than
     * ten grid steps, runs with their own scheduler, and runs started while 32 aligned runs per grid step of their
     * interval are running (their ticks would only start in bursts) are not aligned.
     */
    public Duration tickGrid() {
        return tickGrid.step();
    }

    TickGrid grid() {
        return tickGrid;
    }

    /** How late the ticks of this runtime's runs started, so far. */
    public TickLateness tickLateness() {
        return stats.snapshot();
    }

    TickStats stats() {
        return stats;
    }

    /** Stops the threads (once; later calls do nothing). The shared runtime cannot be closed. */
    @Override
    public void close() {
        if (this == Shared.INSTANCE) {
            return;
        }
        scheduler.shutdownNow();
        stages.shutdownNow();
        blocking.shutdownNow();
        deliveries.shutdownNow();
    }

    private static ExecutorService fixed(int threads, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures a {@link CanaryRuntime}. Not thread-safe. */
    public static final class Builder {
        private int blockingThreads = DEFAULT_BLOCKING_THREADS;
        private int stageThreads = DEFAULT_STAGE_THREADS;
        private int deliveryThreads = DEFAULT_DELIVERY_THREADS;
        private Duration tickGrid = DEFAULT_TICK_GRID;

        private Builder() {
        }

        /**
         * The grid the runs' schedules are aligned to (see {@link CanaryRuntime#tickGrid()}); default 100 ms,
         * {@link Duration#ZERO} to tick each run at exactly its start plus k intervals. At most 1 minute.
         */
        public Builder tickGrid(Duration grid) {
            Objects.requireNonNull(grid, "tickGrid == null");
            if (grid.isNegative() || grid.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("tickGrid must be between 0 and 1m but was " + grid);
            }
            this.tickGrid = grid;
            return this;
        }

        /** Threads for blocking provider calls; default {@value #DEFAULT_BLOCKING_THREADS}. */
        public Builder blockingThreads(int threads) {
            this.blockingThreads = positive("blockingThreads", threads);
            return this;
        }

        /** Threads for the stages between calls; default {@value #DEFAULT_STAGE_THREADS}. */
        public Builder stageThreads(int threads) {
            this.stageThreads = positive("stageThreads", threads);
            return this;
        }

        /** Threads that deliver event hooks and alerts for all runs; default {@value #DEFAULT_DELIVERY_THREADS}. */
        public Builder deliveryThreads(int threads) {
            this.deliveryThreads = positive("deliveryThreads", threads);
            return this;
        }

        public CanaryRuntime build() {
            return new CanaryRuntime(this);
        }

        private static int positive(String field, int value) {
            if (value < 1 || value > 1024) {
                throw new IllegalArgumentException(field + " must be between 1 and 1024 but was " + value);
            }
            return value;
        }
    }
}
