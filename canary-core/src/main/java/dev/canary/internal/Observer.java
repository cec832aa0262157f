package dev.canary.internal;

import dev.canary.engine.Need;
import dev.canary.engine.Observations;
import dev.canary.engine.RunState;
import dev.canary.engine.SubjectCounts;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import java.time.Duration;
import java.time.Instant;
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
                case COUNTS -> result.withCounts(counts(spec, state));
            };
        }
        return metrics == null ? result : result.withMetrics(metrics.join());
    }

    private CompletableFuture<Map<String, MetricResult>> queryAll(CanarySpec spec) {
        List<MetricCheck> checks = spec.analysis().metrics().stream().filter(c -> !c.isSequential()).toList();
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

    /**
     * The counts of every sequential check since the analysis started (the primary's only for checks that
     * compare with it), queried concurrently.
     */
    private Map<String, SubjectCounts> counts(CanarySpec spec, RunState state) {
        Instant since = state.sequential() != null ? state.sequential().since() : context.clock().instant();
        Duration window = Duration.between(since, context.clock().instant());
        MetricsProvider provider = context.metrics();
        Map<String, CompletableFuture<MetricResult>> canary = new LinkedHashMap<>();
        Map<String, CompletableFuture<MetricResult>> primary = new LinkedHashMap<>();
        for (MetricCheck check : spec.analysis().metrics()) {
            if (check.sequential() == null) {
                continue;
            }
            canary.put(check.name(), CompletableFuture.supplyAsync(
                    () -> counts(provider, new MetricQuery(spec, check, MetricQuery.Subject.CANARY), window), executor));
            if (check.sequential().against().primary()) {
                primary.put(check.name(), CompletableFuture.supplyAsync(() -> counts(provider,
                        new MetricQuery(spec, check, MetricQuery.Subject.PRIMARY), window), executor));
            }
        }
        Map<String, SubjectCounts> results = new LinkedHashMap<>();
        canary.forEach((name, future) -> results.put(name, new SubjectCounts(future.join(),
                primary.containsKey(name) ? primary.get(name).join() : null)));
        return results;
    }

    private static MetricResult counts(MetricsProvider provider, MetricQuery query, Duration window) {
        if (provider == null) {
            return new MetricResult.Failed("no metrics provider configured", "");
        }
        try {
            return provider.counts(query, window);
        } catch (RuntimeException e) {
            return new MetricResult.Failed("metrics provider threw " + e, "");
        }
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
