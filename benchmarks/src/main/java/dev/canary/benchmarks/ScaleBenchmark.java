package dev.canary.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.CanaryRuntime;
import dev.canary.TickLateness;
import dev.canary.spi.Durations;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs N canaries at once in this JVM on one {@link CanaryRuntime} with fake providers (metrics answering
 * asynchronously after a delay) and reports: runs finished, peak threads, peak heap, tick lateness (p50, p99,
 * max) and CPU per tick while all runs tick: of the runtime's threads (the runner's own work), and of the whole
 * process (adds GC, JIT and the fake providers) in the table. Starts are spread over one interval, as releases
 * begin at different times. A warm-up round ({@code --warmup N} runs, default 2000 whatever N is) runs first, so
 * the numbers are those of a JVM whose hot paths are compiled; the peaks are those of the measured round.
 *
 * <pre>scale --runs 10000 --provider-delay 50ms [--interval 1s] [--timeout 120s] [--warmup N] [--tick-grid D]
 *       [--tsv]</pre>
 * {@code --tick-grid} sets the runtime's {@link CanaryRuntime.Builder#tickGrid(Duration)} (0: schedules not
 * aligned); default the runtime's.
 */
public final class ScaleBenchmark {
    /**
     * Runs of the warm-up round: about 20,000 ticks, so the hot paths are compiled (C2) before the measured round
     * also when it has few runs (with 100 runs the measured round alone is about 1,000 ticks, mostly interpreted).
     */
    static final int DEFAULT_WARMUP = 2000;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.warmup > 0) {
            // compiles the hot paths first: an embedding service runs for hours, its steady state is what counts
            run(new Options(options.warmup, options.delay, options.interval, options.timeout, false, 0,
                    options.tickGrid));
            System.gc();
        }
        Result result = run(options);
        System.out.println(options.tsv ? result.tsv() : result.table());
        System.exit(result.finished == options.runs ? 0 : 1);
    }

    static Result run(Options options) throws Exception {
        ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-metrics-delay");
            t.setDaemon(true);
            return t;
        });
        FakeFleet.Router router = new FakeFleet.Router();
        FakeFleet.Target target = new FakeFleet.Target();
        FakeFleet.Metrics metrics = new FakeFleet.Metrics(options.delay, delays);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ManagementFactory.getThreadMXBean().resetPeakThreadCount();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long wallStart = System.nanoTime();
        List<CompletableFuture<?>> results = new ArrayList<>(options.runs);
        CanaryRuntime.Builder settings = CanaryRuntime.builder();
        if (options.tickGrid != null) {
            settings.tickGrid(options.tickGrid);
        }
        try (CanaryRuntime runtime = settings.build()) {
            long spacing = options.interval.toNanos() / options.runs;
            for (int i = 0; i < options.runs; i++) {
                CompletableFuture<Object> done = new CompletableFuture<>();
                results.add(done);
                CanaryRun run = CanaryRun.builder().spec(FakeFleet.spec(i, options.interval)).router(router)
                        .target(target).metrics(metrics).runtime(runtime).build();
                runtime.scheduler().schedule(() -> {
                    CanaryExecution execution = run.start();
                    execution.result().whenComplete((r, e) -> {
                        if (e == null && r.succeeded()) {
                            done.complete(r);
                        } else {
                            done.completeExceptionally(e != null ? e : new IllegalStateException(r.reason()
                                    + r.status().checks().values().stream().findFirst()
                                            .map(c -> "; last " + c.name() + ": " + c.detail()).orElse("")));
                        }
                    });
                }, spacing * i, TimeUnit.NANOSECONDS);
            }
            // CPU per tick is measured while every run is ticking: from two intervals after the last start to the
            // first end
            CompletableFuture<Object> firstEnd = CompletableFuture.anyOf(results.toArray(CompletableFuture[]::new));
            Thread.sleep(options.interval.multipliedBy(3).toMillis());
            java.util.Map<Long, Long> cpuFrom = runnerCpuByThread();
            long processFrom = os.getProcessCpuTime();
            long ticksFrom = runtime.tickLateness().ticks();
            try {
                firstEnd.get(options.timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // counted below
            }
            java.util.Map<String, Long> pools = runnerCpuByPool(cpuFrom);
            long cpu = pools.values().stream().mapToLong(Long::longValue).sum();
            long processCpu = os.getProcessCpuTime() - processFrom;
            long ticks = runtime.tickLateness().ticks() - ticksFrom;
            try {
                CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                        .get(options.timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // counted below
            }
            TickLateness lateness = runtime.tickLateness();
            String firstFailure = results.stream().filter(CompletableFuture::isCompletedExceptionally)
                    .map(f -> f.handle((r, e) -> String.valueOf(e.getMessage())).join()).findFirst().orElse("none");
            int finished = (int) results.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
            return new Result(options, finished, ManagementFactory.getThreadMXBean().getPeakThreadCount(),
                    heapPeakMb(), lateness, ticks == 0 ? 0 : cpu / 1000 / ticks,
                    ticks == 0 ? 0 : processCpu / 1000 / ticks,
                    Duration.ofNanos(System.nanoTime() - wallStart), firstFailure, perTick(pools, ticks));
        } finally {
            delays.shutdownNow();
        }
    }

    /** CPU time so far of each of the runtime's threads (scheduler, stages, blocking, delivery), by thread id. */
    private static java.util.Map<Long, Long> runnerCpuByThread() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("canary-")) {
                cpu.put(thread.getId(), Math.max(0, threads.getThreadCpuTime(thread.getId())));
            }
        }
        return cpu;
    }

    /**
     * The runner's CPU time since {@code from}, by pool (the thread name without its number): each thread's own
     * difference, so a thread that ended meanwhile takes nothing away and one that started counts from zero.
     */
    private static java.util.Map<String, Long> runnerCpuByPool(java.util.Map<Long, Long> from) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> pools = new java.util.TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.startsWith("canary-")) {
                long now = Math.max(0, threads.getThreadCpuTime(thread.getId()));
                pools.merge(name.replaceAll("-[0-9]+$", ""), now - from.getOrDefault(thread.getId(), 0L),
                        Long::sum);
            }
        }
        return pools;
    }

    private static String perTick(java.util.Map<String, Long> pools, long ticks) {
        StringBuilder out = new StringBuilder();
        pools.forEach((pool, nanos) -> out.append(out.length() == 0 ? "" : ", ").append(pool).append(' ')
                .append(ticks == 0 ? 0 : nanos / 1000 / ticks).append(" us"));
        return out.toString();
    }

    private static long heapPeakMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }

    record Result(Options options, int finished, int threadsPeak, long heapPeakMb, TickLateness lateness,
            long cpuMicrosPerTick, long processCpuMicrosPerTick, Duration wall, String firstFailure,
            String byPool) {
        String tsv() {
            return String.join("\t", String.valueOf(options.runs), String.valueOf(options.delay.toMillis()),
                    String.valueOf(finished), String.valueOf(threadsPeak), String.valueOf(heapPeakMb),
                    ms(lateness.p50()), ms(lateness.p99()), ms(lateness.max()), String.valueOf(cpuMicrosPerTick));
        }

        String table() {
            return String.format(Locale.ROOT, "runs %d, provider delay %s, interval %s: %d finished in %s%n"
                    + "threads peak %d, heap peak %d MB, ticks %d (skipped %d)%n"
                    + "tick lateness p50 %s ms, p99 %s ms, max %s ms; CPU per tick: runner threads %d us, "
                    + "whole process (GC, JIT, fake providers) %d us%nrunner CPU per tick by pool: %s%n"
                    + "first run not promoted: %s",
                    options.runs, Durations.format(options.delay), Durations.format(options.interval), finished,
                    wall, threadsPeak, heapPeakMb, lateness.ticks(), lateness.skipped(), ms(lateness.p50()),
                    ms(lateness.p99()), ms(lateness.max()), cpuMicrosPerTick, processCpuMicrosPerTick,
                    byPool, firstFailure);
        }

        private static String ms(Duration d) {
            return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
        }
    }

    /** {@code tickGrid} null: the runtime's default. */
    record Options(int runs, Duration delay, Duration interval, Duration timeout, boolean tsv, int warmup,
            @Nullable Duration tickGrid) {
        static Options parse(String[] args) {
            int runs = 1000;
            Duration delay = Duration.ofMillis(50);
            Duration interval = Duration.ofSeconds(1);
            Duration timeout = Duration.ofMinutes(2);
            boolean tsv = false;
            int warmup = -1;
            Duration tickGrid = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "scale" -> { }
                    case "--runs" -> runs = Integer.parseInt(value(args, ++i, "--runs"));
                    case "--provider-delay" -> delay = duration(value(args, ++i, "--provider-delay"));
                    case "--interval" -> interval = Durations.parse(value(args, ++i, "--interval"));
                    case "--timeout" -> timeout = Durations.parse(value(args, ++i, "--timeout"));
                    case "--tsv" -> tsv = true;
                    case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, "--warmup"));
                    case "--tick-grid" -> tickGrid = duration(value(args, ++i, "--tick-grid"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: scale --runs N --provider-delay 50ms [--interval 1s] [--timeout 120s] "
                            + "[--warmup N] [--tick-grid 100ms] [--tsv]");
                }
            }
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1 but was " + runs);
            }
            return new Options(runs, delay, interval, timeout, tsv, warmup < 0 ? DEFAULT_WARMUP : warmup, tickGrid);
        }

        /** A duration, or a bare 0 (as in {@code --provider-delay 0}). */
        private static Duration duration(String text) {
            return "0".equals(text.strip()) ? Duration.ZERO : Durations.parse(text);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
