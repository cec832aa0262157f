package dev.canary.micrometer;

import dev.canary.spec.CanarySpec;
import dev.canary.CanaryListener;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.TrafficRouter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes canary runs through Micrometer under Flagger's metric names and labels, plus the library's own health.
 *
 * <pre>{@code
 * CanaryMetrics metrics = CanaryMetrics.of(registry);
 * CanaryRun.builder().spec(spec)
 *     .router(metrics.router(router)).metrics(metrics.metrics(prometheus)).target(metrics.target(target))
 *     .listener(metrics.listener(spec))
 *     .build().run();
 * }</pre>
 *
 * <p>Flagger's series (names as a Prometheus registry exposes them; {@code name} is the target's name, as in
 * Flagger):
 * <ul>
 *   <li>{@code flagger_canary_status{name,namespace}}: 0 Progressing, 2 Failed, 1 any other phase;</li>
 *   <li>{@code flagger_canary_weight{workload,namespace}}: {@code workload=<target>} the canary weight,
 *       {@code workload=<target>-primary} the rest;</li>
 *   <li>{@code flagger_canary_duration_seconds{name,namespace}}: a histogram of tick durations (from the start of
 *       a tick's observation to its published status), with Prometheus' default buckets;</li>
 *   <li>{@code flagger_canary_metric_analysis{name,namespace,metric}}: each check's latest value;</li>
 *   <li>{@code flagger_canary_successes_total} / {@code flagger_canary_failures_total}
 *       {@code {name,namespace,deployment_strategy,analysis_status}}: runs that succeeded / failed, with
 *       {@code deployment_strategy} {@code canary}, {@code blue-green} or {@code ab-testing} and
 *       {@code analysis_status} {@code completed} or {@code skipped}.</li>
 * </ul>
 * Also Flagger's controller series, for the runs this instance publishes: {@code flagger_info{version,mesh_provider}}
 * (always 1; {@code version} is this library's, {@code mesh_provider} each run's {@code spec.provider}, or
 * {@code none}) and {@code flagger_canary_total{namespace}} (how many canaries, by {@code namespace/name}, this
 * instance was given a listener for; Flagger's is a gauge, this one is a counter because it never decreases).
 *
 * <p>The library's own: {@code canary_tick_lateness_seconds{name,namespace}} (how much later than its interval
 * each tick came), {@code canary_provider_calls_seconds{provider,operation,outcome}} and
 * {@code canary_provider_errors_total{provider,operation}} (for providers wrapped with {@link #router},
 * {@link #metrics}, {@link #target}), {@code canary_rollbacks_total{name,namespace}} and
 * {@code canary_failed_checks_total{name,namespace,metric}}.
 *
 * <p>Thread-safe; one instance serves any number of runs. Gauges keep their last value after a run ends, as
 * Flagger's do.
 */
public final class CanaryMetrics {
    /** This library's version, the {@code version} label of {@code flagger_info}. */
    static final String VERSION = LibraryVersion.read();

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();
    private final Set<String> canaries = ConcurrentHashMap.newKeySet();

    private CanaryMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Metrics in {@code registry}; tick durations measured with the system clock. */
    public static CanaryMetrics of(MeterRegistry registry) {
        return of(registry, Clock.systemUTC());
    }

    /** Metrics in {@code registry}; tick durations measured with {@code clock}, which should be the runs' clock. */
    public static CanaryMetrics of(MeterRegistry registry, Clock clock) {
        return new CanaryMetrics(Objects.requireNonNull(registry, "registry == null"),
                Objects.requireNonNull(clock, "clock == null"));
    }

    /**
     * A listener that publishes the run of {@code spec}; register it on that run's builder. Counts the canary in
     * {@code flagger_canary_total} the first time one of its runs is given a listener.
     */
    public CanaryListener listener(CanarySpec spec) {
        Objects.requireNonNull(spec, "spec == null");
        String provider = spec.provider() == null || spec.provider().isBlank() ? "none" : spec.provider();
        gauge("flagger.info", 1, "version", VERSION, "mesh_provider", provider);
        if (canaries.add(spec.key())) {
            Counter.builder("flagger.canary").description("canaries per namespace").tags("namespace",
                    spec.namespace()).register(registry).increment();
        }
        return new RunMeters(this, spec);
    }

    /** {@code router}, with the latency and errors of its calls recorded. */
    public TrafficRouter router(TrafficRouter router) {
        return new InstrumentedRouter(Objects.requireNonNull(router, "router == null"), new ProviderCalls(registry,
                "router"));
    }

    /** {@code metrics}, with the latency and errors (failed results included) of its queries recorded. */
    public MetricsProvider metrics(MetricsProvider metrics) {
        return new InstrumentedMetrics(Objects.requireNonNull(metrics, "metrics == null"), new ProviderCalls(registry,
                "metrics"));
    }

    /** {@code target}, with the latency and errors of its calls recorded. */
    public DeploymentTarget target(DeploymentTarget target) {
        return new InstrumentedTarget(Objects.requireNonNull(target, "target == null"), new ProviderCalls(registry,
                "target"));
    }

    MeterRegistry registry() {
        return registry;
    }

    Clock clock() {
        return clock;
    }

    /** Sets the gauge {@code name} with {@code tags} (name, value pairs), registering it on first use. */
    void gauge(String name, double value, String... tags) {
        String key = name + String.join("\u0000", tags);
        gauges.computeIfAbsent(key, k -> {
            AtomicReference<Double> holder = new AtomicReference<>(value);
            io.micrometer.core.instrument.Gauge.builder(name, holder, AtomicReference::get).tags(tags)
                    .register(registry);
            return holder;
        }).set(value);
    }
}
