package dev.canary.benchmarks;

import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.RunStatus;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of one full runner tick with providers that answer at once: lease, observe (target, routes, two
 * checks), engine step, state save (in memory, so the state is encoded as JSON as every store needs it), actions
 * and events, as one run on the default lease, store and hooks does it. The tick runs on the benchmark thread (a
 * manual scheduler and a direct executor), so the number is the runner's own work without the thread hand-offs
 * and timer wake-ups of a runtime (which {@code scripts/benchmark scale} measures). The run (steps of 5 % up to
 * 50 %, about 14 ticks) is started again when it ends, outside the measured time. Run with {@code -prof gc} for
 * the allocation per tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RunnerTickBenchmark {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private MutableClock clock;
    private ManualScheduler scheduler;
    private ScheduledExecutorService unused;
    private FakeFleet.Router router;
    private FakeFleet.Target target;
    private FakeFleet.Metrics metrics;
    private CanaryExecution execution;
    private int started;

    @Setup
    public void setUp() {
        clock = MutableClock.at("2026-11-30T10:00:00Z");
        scheduler = new ManualScheduler(clock);
        unused = Executors.newSingleThreadScheduledExecutor();
        router = new FakeFleet.Router();
        target = new FakeFleet.Target();
        metrics = new FakeFleet.Metrics(Duration.ZERO, unused);
        start();
    }

    @TearDown
    public void tearDown() {
        execution.close();
        unused.shutdownNow();
    }

    /** A new run when the last one ended (not measured). */
    @Setup(Level.Invocation)
    public void running() {
        if (execution.result().isDone()) {
            start();
        }
    }

    /** One tick of one run. */
    @Benchmark
    public RunStatus tick() {
        scheduler.advance(INTERVAL);
        return execution.status();
    }

    private void start() {
        // a fresh key each time: a promoted canary's target would wait for a new revision
        execution = CanaryRun.builder().spec(FakeFleet.spec(started++, INTERVAL, 5, 50)).router(router)
                .target(target).metrics(metrics).clock(clock).scheduler(scheduler).executor(Runnable::run).build()
                .start();
    }
}
