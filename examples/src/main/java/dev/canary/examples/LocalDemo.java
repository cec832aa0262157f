package dev.canary.examples;

import dev.canary.CanaryRun;
import dev.canary.examples.demo.DemoEnvironment;
import dev.canary.examples.demo.ServiceBehaviour;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.ServiceSpec;
import dev.canary.spec.ThresholdRange;
import dev.canary.spi.Durations;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A whole canary release on 127.0.0.1, with no cluster: a primary (v1) and a canary (v2) HTTP service behind a
 * weighted proxy, and a {@link CanaryRun} that shifts the proxy's weights and judges v2 on the success rate and p99
 * latency of the requests that really went to it. The traffic comes from the library's built-in load generator,
 * run by the spec's load tester webhooks (a hey command through the proxy, see {@link DemoLoad}). Prints one line
 * per tick and one {@code ALERT} line per alert. With {@code --manifest}, runs a Flagger manifest instead
 * ({@link ManifestDemo}).
 *
 * <p>Exit code: 0 when v2 was promoted, 1 when it was rolled back, 2 for bad options, 3 when the demo itself
 * broke (the run did not end in time, or could not go on). See {@link DemoOptions#USAGE} for the options.
 */
public final class LocalDemo {
    /** The success rate (percent) below which the canary fails a check. */
    public static final double MIN_SUCCESS_PERCENT = 99;
    /** The p99 latency (milliseconds) above which the canary fails a check. */
    public static final double MAX_P99_MILLIS = 500;

    private LocalDemo() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the demo with command-line {@code args} and returns the exit code; with {@code --manifest}, runs that
     * manifest through {@link ManifestDemo}.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        DemoOptionsParser parser = new DemoOptionsParser(List.of(args));
        try {
            return parser.hasManifest() ? run(parser.parseManifest(), out, err) : run(parser.parse(), out, err);
        } catch (IllegalArgumentException e) { // only from parsing: the runs turn their own failures into codes
            return usageError(e, DemoOptions.USAGE, err);
        }
    }

    private static int run(DemoOptions options, PrintStream out, PrintStream err) {
        if (options.help()) {
            out.println(DemoOptions.USAGE);
            return 0;
        }
        return exitCode(() -> execute(options, out), "the demo could not finish", err);
    }

    /** Prints every problem of the command line, then {@code usage}, and returns exit code 2. */
    static int usageError(IllegalArgumentException e, String usage, PrintStream err) {
        err.println("error: " + e.getMessage().replace("\n", "\nerror: "));
        err.println();
        err.println(usage);
        return 2;
    }

    /** The exit code of the report {@code demo} returns, or 3 (after printing {@code failure}) when it throws. */
    static int exitCode(Supplier<DemoReport> demo, String failure, PrintStream err) {
        try {
            return demo.get().exitCode();
        } catch (RuntimeException e) {
            err.println("error: " + failure + ": " + e.getMessage());
            return 3;
        }
    }

    private static int run(ManifestDemoOptions options, PrintStream out, PrintStream err) {
        if (options.help()) {
            out.println(DemoOptions.USAGE);
            return 0;
        }
        return ManifestDemo.run(options, out, err);
    }

    /**
     * Runs the demo and reports how it ended.
     *
     * @throws IllegalStateException when the run did not end within {@link #timeLimit(DemoOptions)}
     */
    public static DemoReport execute(DemoOptions options, PrintStream out) {
        return execute(options, spec(options), (env, clock) -> DemoMetrics.local(env), out);
    }

    /**
     * Runs the demo of {@code options} on {@code base} (the spec without load) judged on the metrics
     * {@code opener} opens, and reports how it ended. Prints where everything listens, the checks, what the metrics
     * describe and the load, then the run, then what the metrics report.
     *
     * @throws IllegalStateException when the metrics cannot be opened, or the run did not end in time
     */
    static DemoReport execute(DemoOptions options, CanarySpec base, DemoMetrics.Opener opener, PrintStream out) {
        ServiceBehaviour v1 = ServiceBehaviour.healthy("v1");
        ServiceBehaviour v2 = new ServiceBehaviour("v2", options.errorPercent(),
                Duration.ofMillis(options.latencyMs()));
        Clock clock = Clock.systemUTC();
        Duration limit = DemoRun.timeLimit(base.analysis());
        try (DemoEnvironment env = DemoEnvironment.start(base, v1, v2, clock, new Random());
             DemoMetrics metrics = opener.open(env, clock)) {
            String command = DemoLoad.heyCommand(env.proxy().uri(), options.rps(), limit);
            CanarySpec spec = DemoLoad.withLoad(base, command);
            out.printf("canary %s: primary %s at %s, canary %s at %s%n", spec.key(), v1, env.primary().uri(), v2,
                    env.canary().uri());
            out.printf("proxy %s (Traefik metrics at %s/metrics); checks: success rate >= %.0f %%, p99 <= %.0f ms"
                    + " over %s%n", env.proxy().uri(), env.proxy().uri(), MIN_SUCCESS_PERCENT, MAX_P99_MILLIS,
                    Durations.format(spec.analysis().metrics().get(0).interval()));
            metrics.describe(spec, out);
            printLoad(out, command);
            DemoReport report = DemoRun.perform(env, metrics.provider(), CanaryRun.builder(), spec, limit, clock,
                    out);
            metrics.report(spec, out);
            return report;
        }
    }

    /** Says which hooks run the load, and how. */
    static void printLoad(PrintStream out, String command) {
        out.printf("load: webhooks %s%s (pre-rollout) and %s (rollout) run \"%s\" on the library's built-in load"
                + " generator; alerts print as ALERT lines%n", DemoLoad.HOOK, DemoLoad.START_SUFFIX, DemoLoad.HOOK,
                command);
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
        return DemoRun.timeLimit(spec(options).analysis());
    }
}
