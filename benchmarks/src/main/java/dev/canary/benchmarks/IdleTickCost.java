package dev.canary.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of one runner tick ({@link RunnerTickBenchmark}'s) when ticks come back to back, and when the
 * thread was idle for a while before each tick, as the scheduler thread of a runtime with few runs is (100 runs
 * at a 1 s interval: a tick every 10 ms). The code is the same; what differs is what the CPU caches still hold.
 * Thread CPU time, so time spent waiting for a core does not count.
 *
 * <pre>scripts/benchmark idle-tick</pre>
 */
public final class IdleTickCost {
    private IdleTickCost() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunnerTickBenchmark bench = new RunnerTickBenchmark();
        bench.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 50_000; i++) {
            bench.running();
            bench.tick();
        }
        for (long idleMillis : new long[] {0, 1, 10, 0, 10}) {
            int ticks = idleMillis == 0 ? 20_000 : 500;
            long cpu = 0;
            for (int i = 0; i < ticks; i++) {
                bench.running();
                if (idleMillis > 0) {
                    Thread.sleep(idleMillis);
                }
                long before = threads.getCurrentThreadCpuTime();
                bench.tick();
                cpu += threads.getCurrentThreadCpuTime() - before;
            }
            System.out.printf("idle %2d ms before each tick: %4d us CPU per tick (%d ticks)%n", idleMillis,
                    cpu / ticks / 1000, ticks);
        }
        bench.tearDown();
    }
}
