package dev.canary.examples;

import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.CanaryRun;
import dev.canary.examples.demo.DemoEnvironment;
import dev.canary.examples.demo.LoadGenerator;
import dev.canary.examples.demo.ServiceBehaviour;
import dev.canary.examples.demo.TrafficSplit;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.ServiceSpec;
import dev.canary.spec.ThresholdRange;
import dev.canary.spi.Durations;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A whole canary release on 127.0.0.1, with no cluster: a primary (v1) and a canary (v2) HTTP service behind a
 * weighted proxy, load sent through the proxy, and a {@link CanaryRun} that shifts the proxy's weights and judges
 * v2 on the success rate and p99 latency of the requests that really went to it. Prints one line per tick.
 *
 * <p>Exit code: 0 when v2 was promoted, 1 when it was rolled back, 2 for bad options, 3 when the demo itself
 * broke (the run did not end in time, or could not go on). See {@link DemoOptions#USAGE} for the options.
 */
public final class LocalDemo {
    /** The success rate (percent) below which the canary fails a check. */
    public static final double MIN_SUCCESS_PERCENT = 99;
    /** The p99 latency (milliseconds) above which the canary fails a check. */
    public static final double MAX_P99_MILLIS = 500;
    static final int CONCURRENCY = 16;
    static final Duration SETTLE = Duration.ofSeconds(1);

    private LocalDemo() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the demo with command-line {@code args} and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage().replace("\n", "\nerror: "));
            err.println();
            err.println(DemoOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(DemoOptions.USAGE);
            return 0;
        }
        try {
            return execute(options, out).exitCode();
        } catch (RuntimeException e) {
            err.println("error: the demo could not finish: " + e.getMessage());
            return 3;
        }
    }

    /**
     * Runs the demo and reports how it ended.
     *
     * @throws IllegalStateException when the run did not end within {@link #timeLimit(DemoOptions)}
     */
    public static DemoReport execute(DemoOptions options, PrintStream out) {
        CanarySpec spec = spec(options);
        ServiceBehaviour v1 = ServiceBehaviour.healthy("v1");
        ServiceBehaviour v2 = new ServiceBehaviour("v2", options.errorPercent(),
                Duration.ofMillis(options.latencyMs()));
        Clock clock = Clock.systemUTC();
        Duration limit = timeLimit(options);
        try (DemoEnvironment env = DemoEnvironment.start(spec, v1, v2, clock, new Random());
             LoadGenerator load = new LoadGenerator(env.proxy().uri(), options.rps(), CONCURRENCY,
                     limit.plus(SETTLE).plusSeconds(10), options.rps() * (limit.toSeconds() + 20))) {
            out.printf("canary %s: primary %s at %s, canary %s at %s%n", spec.key(), v1, env.primary().uri(), v2,
                    env.canary().uri());
            out.printf("proxy %s (Traefik metrics at %s/metrics), load %d requests/s; checks: success rate >= %.0f %%,"
                    + " p99 <= %.0f ms over %s%n", env.proxy().uri(), env.proxy().uri(), options.rps(),
                    MIN_SUCCESS_PERCENT, MAX_P99_MILLIS, Durations.format(spec.analysis().metrics().get(0).interval()));
            TickPrinter printer = new TickPrinter(out, ZoneId.systemDefault());
            printer.printHeader();
            load.start();
            CanaryExecution execution = CanaryRun.builder().spec(spec).router(env.router()).metrics(env.metrics())
                    .target(env.target()).listener(printer).clock(clock).build().start();
            CanaryResult result = await(execution, limit);
            TrafficSplit split = settle(env, clock);
            DemoReport report = new DemoReport(result, printer.weights(), split,
                    env.primary().behaviour().revision());
            summarize(report, out);
            return report;
        }
    }

    /** The canary run the demo performs, from the options. */
    static CanarySpec spec(DemoOptions options) {
        Duration window = options.interval().multipliedBy(2);
        return CanarySpec.builder("podinfo")
                .namespace("demo")
                .service(ServiceSpec.of("podinfo", 80))
                .progressDeadline(Duration.ofSeconds(60))
                .analysis(AnalysisSpec.builder()
                        .interval(options.interval())
                        .threshold(options.threshold())
                        .stepWeight(options.stepWeight())
                        .maxWeight(options.maxWeight())
                        .metrics(MetricCheck.builder(MetricCheck.REQUEST_SUCCESS_RATE).interval(window)
                                        .thresholdRange(ThresholdRange.atLeast(MIN_SUCCESS_PERCENT)).build(),
                                MetricCheck.builder(MetricCheck.REQUEST_DURATION).interval(window)
                                        .thresholdRange(ThresholdRange.atMost(MAX_P99_MILLIS)).build())
                        .build())
                .build();
    }

    /** How long the demo waits for the run: twice the ticks a run needs at most, plus half a minute. */
    static Duration timeLimit(DemoOptions options) {
        int steps = (options.maxWeight() + options.stepWeight() - 1) / options.stepWeight();
        return options.interval().multipliedBy(2L * (steps + options.threshold() + 6)).plusSeconds(30);
    }

    private static CanaryResult await(CanaryExecution execution, Duration limit) {
        try {
            return execution.result().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            execution.abort("the demo's time limit of " + limit.toSeconds() + " s was reached");
            throw new IllegalStateException("the run did not end within " + limit.toSeconds() + " s (last status: "
                    + execution.status().summary() + ")", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the run could not go on: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the run", e);
        }
    }

    /** Keeps the load running a moment after the run and returns how the proxy split it. */
    private static TrafficSplit settle(DemoEnvironment env, Clock clock) {
        Instant end = clock.instant();
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return env.proxy().log().split(end, clock.instant());
    }

    private static void summarize(DemoReport report, PrintStream out) {
        CanaryResult result = report.result();
        out.printf("%s after %d s: %s%n", result.phase().displayName(), result.duration().toSeconds(),
                result.reason());
        out.printf("peak canary weight %d %%; the primary now runs %s%n", report.peakWeight(),
                report.primaryRevision());
        out.printf("requests at the proxy in the %d s after the run: %s%n", SETTLE.toSeconds(), report.finalSplit());
    }
}
