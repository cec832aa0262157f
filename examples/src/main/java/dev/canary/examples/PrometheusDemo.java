package dev.canary.examples;

import dev.canary.testkit.prometheus.PrometheusServer;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spi.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The local demo's canary release judged on metrics read from a real Prometheus server: the same primary (v1),
 * canary (v2), weighted proxy, load hooks, checks and output as {@link LocalDemo}, plus a Prometheus server (a
 * child process, see {@link PrometheusServer}) scraping the proxy's Traefik-format {@code /metrics} every second.
 * The run's metrics provider is a {@link dev.canary.prometheus.PrometheusMetricsProvider} sending Flagger's builtin
 * Traefik queries for {@code demo-podinfo-canary-80@kubernetescrd} ({@link DemoPrometheus}). Prints the PromQL at
 * the start and the wall time of each tick's queries at the end. A check without data holds the tick
 * ({@link OutcomePolicy#WAIT}) instead of failing it: the load starts with the first step, and Prometheus needs a
 * few scrapes of the canary's new series before {@code rate()} has a value.
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
            return LocalDemo.usageError(e, USAGE, err);
        }
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        return LocalDemo.exitCode(() -> execute(options, out), "the Prometheus demo could not run", err);
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
        return LocalDemo.execute(options, spec(options), (env, clock) -> DemoPrometheus.scraping(
                env.proxy().uri().resolve("/metrics"), clock, FIRST_SCRAPE_TIMEOUT), out);
    }

    /**
     * The local demo's run ({@link LocalDemo#spec}: {@code demo/podinfo} port 80, both builtin checks over two
     * intervals), with every check holding the tick on no data ({@link OutcomePolicy#WAIT}).
     */
    static CanarySpec spec(DemoOptions options) {
        CanarySpec spec = LocalDemo.spec(options);
        List<MetricCheck> checks = spec.analysis().metrics().stream()
                .map(check -> check.toBuilder().onNoData(OutcomePolicy.WAIT).build()).toList();
        return spec.toBuilder().analysis(spec.analysis().toBuilder().metrics(checks).build()).build();
    }
}
