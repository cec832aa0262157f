package dev.canary.benchmarks;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.ServiceSpec;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.MetricQuery;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricsProvider;
import dev.canary.spec.Readiness;
import dev.canary.spec.Routes;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.TrafficRouter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * In-memory providers shared by many canaries (keyed by the spec's key), as one router, one target and one
 * metrics backend serve a whole fleet. The metrics answer asynchronously after a fixed delay, like an HTTP client
 * waiting on Prometheus, without holding a thread. Thread-safe.
 */
final class FakeFleet {
    private FakeFleet() {
    }

    /** A canary that ticks every {@code interval}: 5 weight steps of 10 up to 50, two checks, threshold 5. */
    static CanarySpec spec(int i, Duration interval) {
        return spec(i, interval, 10, 50);
    }

    /** As {@link #spec(int, Duration)} with steps of {@code stepWeight} up to {@code maxWeight}. */
    static CanarySpec spec(int i, Duration interval, int stepWeight, int maxWeight) {
        String name = "app-" + i;
        return CanarySpec.builder(name)
                .namespace("bench")
                .service(ServiceSpec.of(name, 80))
                .progressDeadline(Duration.ofMinutes(10))
                .analysis(AnalysisSpec.builder()
                        .interval(interval)
                        .threshold(5)
                        .maxWeight(maxWeight)
                        .stepWeight(stepWeight)
                        .metrics(MetricCheck.successRate(99), MetricCheck.p99LatencyMillis(500))
                        .build())
                .build();
    }

    static final class Router implements TrafficRouter {
        private final Map<String, Routes> routes = new ConcurrentHashMap<>();

        @Override
        public void reconcile(CanarySpec spec) {
            routes.putIfAbsent(spec.key(), Routes.PRIMARY_ONLY);
        }

        @Override
        public Routes routes(CanarySpec spec) {
            return routes.getOrDefault(spec.key(), Routes.PRIMARY_ONLY);
        }

        @Override
        public void setRoutes(CanarySpec spec, Routes next) {
            routes.put(spec.key(), next);
        }

        /** In memory: answers at once, so the runner needs no thread for it. */
        @Override
        public CompletionStage<Routes> routesAsync(CanarySpec spec, Executor blocking) {
            return CompletableFuture.completedFuture(routes(spec));
        }

        @Override
        public CompletionStage<Void> setRoutesAsync(CanarySpec spec, Routes next, Executor blocking) {
            setRoutes(spec, next);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Every canary's primary starts at v1 and its target is at v2, ready at once. */
    static final class Target implements DeploymentTarget {
        private final Map<String, String> primaries = new ConcurrentHashMap<>();

        @Override
        public void initialize(CanarySpec spec) {
            primaries.putIfAbsent(spec.key(), "v1");
        }

        @Override
        public TargetStatus status(CanarySpec spec) {
            return new TargetStatus("v2", primaries.get(spec.key()), Readiness.READY, Readiness.READY);
        }

        @Override
        public CompletionStage<TargetStatus> statusAsync(CanarySpec spec, Executor blocking) {
            return CompletableFuture.completedFuture(status(spec));
        }

        @Override
        public void scaleCanaryUp(CanarySpec spec) {
        }

        @Override
        public void scaleCanaryDown(CanarySpec spec) {
        }

        @Override
        public void promote(CanarySpec spec) {
            primaries.put(spec.key(), "v2");
        }
    }

    /** Healthy values, answered {@code delay} after the query (at once when zero). */
    static final class Metrics implements MetricsProvider {
        private final Duration delay;
        private final ScheduledExecutorService timer;

        Metrics(Duration delay, ScheduledExecutorService timer) {
            this.delay = delay;
            this.timer = timer;
        }

        @Override
        public MetricResult query(MetricQuery query) {
            return answer(query);
        }

        @Override
        public CompletionStage<MetricResult> queryAsync(MetricQuery query, Executor blocking) {
            if (delay.isZero()) {
                return CompletableFuture.completedFuture(answer(query));
            }
            CompletableFuture<MetricResult> future = new CompletableFuture<>();
            timer.schedule(() -> future.complete(answer(query)), delay.toNanos(), TimeUnit.NANOSECONDS);
            return future;
        }

        private static MetricResult answer(MetricQuery query) {
            return MetricResult.value(100);
        }
    }
}
