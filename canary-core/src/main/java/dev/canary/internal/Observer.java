package dev.canary.internal;

import dev.canary.engine.Need;
import dev.canary.engine.Observations;
import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Gathers what the engine asks for: target status, router weights, gate answers, and all metric checks of a
 * tick queried concurrently (one round trip of wall time, not one per check).
 */
final class Observer {
    private final RunContext context;
    private final Executor executor;

    Observer(RunContext context, Executor executor) {
        this.context = context;
        this.executor = executor;
    }

    /** Adds the needed observations; provider exceptions propagate (the tick is then skipped). */
    Observations gather(Set<Need> needs, Observations observations, RunState state) {
        CanarySpec spec = context.spec();
        Observations result = observations;
        CompletableFuture<Map<String, MetricResult>> metrics = needs.contains(Need.METRICS)
                ? queryAll(spec) : null;
        for (Need need : needs) {
            result = switch (need.kind()) {
                case TARGET -> result.withTarget(context.target().status(spec));
                case ROUTES -> result.withRoutes(context.router().routes(spec));
                case GATE -> result.withGate(need.hook(), context.hooks().consult(spec, state, need.hook()));
                case METRICS -> result;
            };
        }
        return metrics == null ? result : result.withMetrics(metrics.join());
    }

    private CompletableFuture<Map<String, MetricResult>> queryAll(CanarySpec spec) {
        List<MetricCheck> checks = spec.analysis().metrics();
        MetricsProvider provider = context.metrics();
        List<CompletableFuture<MetricResult>> futures = checks.stream()
                .map(check -> CompletableFuture.supplyAsync(() -> query(provider, spec, check), executor))
                .toList();
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<String, MetricResult> results = new LinkedHashMap<>();
            for (int i = 0; i < checks.size(); i++) {
                results.put(checks.get(i).name(), futures.get(i).join());
            }
            return results;
        });
    }

    private static MetricResult query(MetricsProvider provider, CanarySpec spec, MetricCheck check) {
        if (provider == null) {
            return new MetricResult.Failed("no metrics provider configured", "");
        }
        try {
            return provider.query(MetricQuery.canary(spec, check));
        } catch (RuntimeException e) {
            return new MetricResult.Failed("metrics provider threw " + e, "");
        }
    }
}
