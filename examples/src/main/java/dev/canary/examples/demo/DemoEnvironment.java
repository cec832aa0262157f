package dev.canary.examples.demo;

import dev.canary.spec.CanarySpec;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;

/**
 * Everything a local canary run needs, started on 127.0.0.1: the primary and canary services, the weighted proxy
 * in front of them (metrics labelled after the spec's namespace, service and port), and the router, metrics
 * provider and deployment target over them. The primary is bootstrapped with {@code current} and {@code next} is
 * published as the new revision, so a run of {@code spec} starts analysing at once. {@link #close()} stops it all.
 * Thread-safe.
 */
public final class DemoEnvironment implements AutoCloseable {
    private final DemoService primary;
    private final DemoService canary;
    private final WeightedProxy proxy;
    private final DemoTarget target;
    private final DemoRouter router;
    private final DemoMetricsProvider metrics;

    private DemoEnvironment(DemoService primary, DemoService canary, WeightedProxy proxy, DemoTarget target,
            Clock clock) {
        this.primary = primary;
        this.canary = canary;
        this.proxy = proxy;
        this.target = target;
        this.router = new DemoRouter(proxy);
        this.metrics = new DemoMetricsProvider(proxy.log(), clock);
    }

    /** Starts the services and the proxy; {@code random} drives the proxy's split. */
    public static DemoEnvironment start(CanarySpec spec, ServiceBehaviour current, ServiceBehaviour next,
            Clock clock, Random random) {
        Objects.requireNonNull(spec, "spec == null");
        DemoService primary = DemoService.start("primary", current);
        DemoService canary = DemoService.start("canary", current);
        WeightedProxy proxy;
        try {
            proxy = WeightedProxy.builder().primary(primary.uri()).canary(canary.uri())
                    .kubernetesServiceNames(spec.namespace(), spec.service().name(), spec.service().port())
                    .clock(clock).random(random).start();
        } catch (RuntimeException e) {
            primary.close();
            canary.close();
            throw e;
        }
        DemoTarget target = new DemoTarget(primary, canary, current);
        target.initialize(spec);
        target.publish(next);
        return new DemoEnvironment(primary, canary, proxy, target, clock);
    }

    public DemoService primary() {
        return primary;
    }

    public DemoService canary() {
        return canary;
    }

    public WeightedProxy proxy() {
        return proxy;
    }

    public DemoTarget target() {
        return target;
    }

    public DemoRouter router() {
        return router;
    }

    public DemoMetricsProvider metrics() {
        return metrics;
    }

    @Override
    public void close() {
        proxy.close();
        primary.close();
        canary.close();
    }
}
