package dev.canary.examples;

import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.examples.demo.DemoEnvironment;
import dev.canary.examples.demo.LoadGenerator;
import dev.canary.examples.demo.PrometheusServer;
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
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The local demo's canary release judged on metrics read from a real Prometheus server: the same primary (v1),
 * canary (v2), weighted proxy, load and checks as {@link LocalDemo}, plus a Prometheus server (a child process,
 * see {@link PrometheusServer}) scraping the proxy's Traefik-format {@code /metrics} every second. The run's
 * metrics provider is a {@link dev.canary.prometheus.PrometheusMetricsProvider} sending Flagger's builtin Traefik
 * queries for {@code demo-podinfo-canary-80@kubernetescrd}. Prints the PromQL at the start, then one line per
 * tick, then the wall time of each tick's queries.
 *
 * <p>Exit code: 0 when v2 was promoted, 1 when it was rolled back, 2 for bad options, 3 when the demo could not
 * run (no {@code prometheus} binary, Prometheus not scraping, the run not ending in time). See {@link #USAGE}.
 */
public final class PrometheusDemo {
    /** Time between ticks unless {@code --interval} says otherwise: four scrapes. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(4);
    /** The shortest {@code --interval}: the checks' window (two intervals) then holds four scrapes. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(2);
    /** How long the demo waits for Prometheus' first scrape of the proxy. */
    static final Duration FIRST_SCRAPE_TIMEOUT = Duration.ofSeconds(20);
    static final int CONCURRENCY = 16;
    public static final String USAGE = PrometheusDemoUsage.text();

    private PrometheusDemo() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the demo with command-line {@code args} and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage().replace("\n", "\nerror: "));
            err.println();
            err.println(USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        try {
            return execute(options, out).exitCode();
        } catch (RuntimeException e) {
            err.println("error: the Prometheus demo could not run: " + e.getMessage());
            return 3;
        }
    }

    /**
     * Parses the options of {@link LocalDemo}, with {@code --interval} defaulting to {@link #DEFAULT_INTERVAL} and
     * at least {@link #MIN_INTERVAL}.
     *
     * @throws IllegalArgumentException listing every problem
     */
    public static DemoOptions parse(String... args) {
        DemoOptions options = new DemoOptionsParser(List.of(args), DEFAULT_INTERVAL).parse();
        if (options.interval().compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("--interval must be at least " + Durations.format(MIN_INTERVAL)
                    + " with Prometheus scraping every " + Durations.format(PrometheusServer.SCRAPE_INTERVAL)
                    + " (the checks' window of two intervals needs several scrapes) but was "
                    + Durations.format(options.interval()));
        }
        return options;
    }

    /**
     * Runs the demo and reports how it ended.
     *
     * @throws IllegalStateException when Prometheus cannot run or scrape, or the run did not end in time
     */
    public static DemoReport execute(DemoOptions options, PrintStream out) {
        PrometheusServer.locateBinary();
        CanarySpec spec = spec(options);
        ServiceBehaviour v1 = ServiceBehaviour.healthy("v1");
        ServiceBehaviour v2 = new ServiceBehaviour("v2", options.errorPercent(),
                Duration.ofMillis(options.latencyMs()));
        Clock clock = Clock.systemUTC();
        Duration limit = timeLimit(options);
        try (DemoEnvironment env = DemoEnvironment.start(spec, v1, v2, clock, new Random());
             DemoPrometheus prometheus = DemoPrometheus.start(env.proxy().uri().resolve("/metrics"), clock);
             LoadGenerator load = new LoadGenerator(env.proxy().uri(), options.rps(), CONCURRENCY,
                     limit.plus(FIRST_SCRAPE_TIMEOUT).plusSeconds(10), options.rps() * (limit.toSeconds() + 40))) {
            describe(out, spec, options, env, prometheus);
            load.start();
            prometheus.awaitFirstScrape(FIRST_SCRAPE_TIMEOUT);
            TimedMetricsProvider metrics = new TimedMetricsProvider(prometheus.provider(), System::nanoTime);
            TickPrinter printer = new TickPrinter(out, ZoneId.systemDefault());
            printer.printHeader();
            CanaryExecution execution = CanaryRun.builder().spec(spec).router(env.router()).metrics(metrics)
                    .target(env.target()).listener(printer).clock(clock).build().start();
            DemoReport report = new DemoReport(DemoRuns.await(execution, limit), printer.weights(),
                    DemoRuns.settle(env, clock), env.primary().behaviour().revision());
            DemoRuns.summarize(report, out);
            out.println(timing(metrics.tickTimes(options.interval().dividedBy(2)), spec));
            return report;
        }
    }

    /** Prints where everything listens and the PromQL every analysed tick sends. */
    private static void describe(PrintStream out, CanarySpec spec, DemoOptions options, DemoEnvironment env,
            DemoPrometheus prometheus) {
        out.printf("canary %s: primary %s at %s, canary %s at %s%n", spec.key(), env.primary().behaviour(),
                env.primary().uri(), env.canary().behaviour(), env.canary().uri());
        out.printf("proxy %s, load %d requests/s; Prometheus %s scrapes %s/metrics every %s%n",
                env.proxy().uri(), options.rps(), prometheus.server().uri(), env.proxy().uri(),
                Durations.format(PrometheusServer.SCRAPE_INTERVAL));
        out.printf("checks: success rate >= %.0f %%, p99 <= %.0f ms over %s; PromQL sent every tick:%n",
                LocalDemo.MIN_SUCCESS_PERCENT, LocalDemo.MAX_P99_MILLIS, Durations.format(window(options)));
        prometheus.describeQueries(spec).forEach(out::println);
    }

    /** The canary run: {@code demo/podinfo} port 80, both builtin checks over {@link #window}. */
    static CanarySpec spec(DemoOptions options) {
        Duration window = window(options);
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
                                        .thresholdRange(ThresholdRange.atLeast(LocalDemo.MIN_SUCCESS_PERCENT)).build(),
                                MetricCheck.builder(MetricCheck.REQUEST_DURATION).interval(window)
                                        .thresholdRange(ThresholdRange.atMost(LocalDemo.MAX_P99_MILLIS)).build())
                        .build())
                .build();
    }

    /** The checks' window: two intervals, so that {@code rate()} sees at least four scrapes. */
    static Duration window(DemoOptions options) {
        return options.interval().multipliedBy(2);
    }

    /** How long the demo waits for the run: twice the ticks a run needs at most, plus half a minute. */
    static Duration timeLimit(DemoOptions options) {
        int steps = (options.maxWeight() + options.stepWeight() - 1) / options.stepWeight();
        return options.interval().multipliedBy(2L * (steps + options.threshold() + 6)).plusSeconds(30);
    }

    /** One line: the median and longest wall time of the ticks' metric queries. */
    static String timing(List<Duration> ticks, CanarySpec spec) {
        if (ticks.isEmpty()) {
            return "no tick queried Prometheus";
        }
        List<Duration> sorted = ticks.stream().sorted().toList();
        int checks = spec.analysis().metrics().size();
        return String.format(Locale.ROOT, "Prometheus answered the %d checks (%d queries, sent concurrently)"
                + " of %d ticks in %.1f ms median, %.1f ms at most", checks, 2 * checks, ticks.size(),
                sorted.get(sorted.size() / 2).toNanos() / 1e6, sorted.get(sorted.size() - 1).toNanos() / 1e6);
    }
}
