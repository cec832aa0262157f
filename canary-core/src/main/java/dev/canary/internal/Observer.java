package dev.canary.internal;

import dev.canary.spec.GateResult;
import dev.canary.engine.Need;
import dev.canary.engine.Observations;
import dev.canary.engine.RunState;
import dev.canary.engine.SubjectCounts;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricCheck;
import dev.canary.spi.MetricQuery;
import dev.canary.spec.MetricResult;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.MetricsProvider;
import dev.canary.spec.Routes;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.TrafficRouter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers what the engine asks for, all at once: target status, router weights, gate answers and every metric
 * check, each bounded by the tick's observation deadline. A metric query that fails or misses the deadline is a
 * {@link MetricResult.Failed}; a gate that does is answered as an unreachable hook of its type (a failed check for
 * rollout hooks, a wait for the others); a target or router that does fails the tick (retried).
 */
final class Observer {
    private final RunContext context;
    private static final Logger logger = LoggerFactory.getLogger(Observer.class);

    private final Calls calls;
    private final boolean asynchronous;
    private final boolean asyncCounts;
    private final boolean asyncTarget;
    private final boolean asyncRoutes;

    Observer(RunContext context, Calls calls) {
        this.context = context;
        this.calls = calls;
        this.asynchronous = context.metrics() != null && Overrides.overrides(context.metrics(), MetricsProvider.class,
                "queryAsync", MetricQuery.class, Executor.class);
        this.asyncCounts = context.metrics() != null && Overrides.overrides(context.metrics(), MetricsProvider.class,
                "countsAsync", MetricQuery.class, Duration.class, Executor.class);
        this.asyncTarget = Overrides.overrides(context.target(), DeploymentTarget.class, "statusAsync",
                CanarySpec.class, Executor.class);
        this.asyncRoutes = Overrides.overrides(context.router(), TrafficRouter.class, "routesAsync",
                CanarySpec.class, Executor.class);
    }

    CompletableFuture<Observations> gather(Set<Need> needs, Observations observations, RunState state,
            Instant deadline) {
        CanarySpec spec = context.spec();
        CompletableFuture<TargetStatus> target = null;
        CompletableFuture<Routes> routes = null;
        CompletableFuture<Map<String, MetricResult>> metrics = null;
        CompletableFuture<Map<String, SubjectCounts>> counts = null;
        Map<HookType, CompletableFuture<GateResult>> gates = new LinkedHashMap<>();
        for (Need need : needs) {
            switch (need.kind()) {
                case TARGET -> target = asyncTarget
                        ? calls.asyncHere("target status", deadline,
                                () -> context.target().statusAsync(spec, calls.blocking()))
                        : calls.blocking("target status", deadline, () -> context.target().status(spec));
                case ROUTES -> routes = asyncRoutes
                        ? calls.asyncHere("router weights", deadline,
                                () -> context.router().routesAsync(spec, calls.blocking()))
                        : calls.blocking("router weights", deadline, () -> context.router().routes(spec));
                case METRICS -> metrics = queryAll(spec, deadline);
                case COUNTS -> counts = counts(spec, state, deadline);
                case GATE -> {
                    HookType hook = Objects.requireNonNull(need.hook(), "a gate need names its hook");
                    gates.put(hook, consult(spec, state, hook, deadline));
                }
            }
        }
        List<CompletableFuture<?>> all = new ArrayList<>(gates.values());
        CompletableFuture<TargetStatus> t = target;
        CompletableFuture<Routes> r = routes;
        CompletableFuture<Map<String, MetricResult>> m = metrics;
        CompletableFuture<Map<String, SubjectCounts>> c = counts;
        for (CompletableFuture<?> f : new CompletableFuture<?>[] {t, r, m, c}) {
            if (f != null) {
                all.add(f);
            }
        }
        // the asynchronous answers complete where they arrive: the tick goes on on a stage thread, handed over once
        // after all of them (a blocking call's answer continues on its own thread, as before)
        boolean pendingAsync = (asyncTarget && t != null && !t.isDone()) || (asyncRoutes && r != null && !r.isDone())
                || (asynchronous && m != null && !m.isDone()) || (asyncCounts && c != null && !c.isDone());
        CompletableFuture<Void> answered = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        return (pendingAsync ? calls.onStages(answered) : answered).thenApply(ignored -> {
            Observations result = observations;
            result = t == null ? result : result.withTarget(t.join());
            result = r == null ? result : result.withRoutes(r.join());
            result = m == null ? result : result.withMetrics(m.join());
            result = c == null ? result : result.withCounts(c.join());
            for (Map.Entry<HookType, CompletableFuture<GateResult>> gate : gates.entrySet()) {
                result = result.withGate(gate.getKey(), gate.getValue().join());
            }
            return result;
        });
    }

    private CompletableFuture<GateResult> consult(CanarySpec spec, RunState state, HookType type, Instant deadline) {
        return calls.blocking(type.wireName() + " hooks", deadline, () -> context.hooks().consult(spec, state, type))
                .exceptionally(e -> {
                    String detail = type.wireName() + " hooks: " + Calls.unwrap(e).getMessage();
                    logger.warn("canary {}: {}", spec.key(), dev.canary.spec.Redaction.logged(detail));
                    return type == HookType.PRE_ROLLOUT || type == HookType.ROLLOUT ? GateResult.deny(detail)
                            : GateResult.waiting(detail);
                });
    }

    private CompletableFuture<Map<String, MetricResult>> queryAll(CanarySpec spec, Instant deadline) {
        List<MetricCheck> checks = spec.analysis().metrics().stream().filter(c -> !c.isSequential()).toList();
        List<CompletableFuture<MetricResult>> futures = new ArrayList<>(checks.size());
        for (MetricCheck check : checks) {
            futures.add(query(context.metrics(), spec, check, deadline));
        }
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
     * compare with it), queried concurrently, each bounded by the deadline (a miss is a failed count).
     */
    private CompletableFuture<Map<String, SubjectCounts>> counts(CanarySpec spec, RunState state, Instant deadline) {
        Instant now = context.clock().instant();
        Instant since = state.sequential() != null ? state.sequential().since() : now;
        Duration window = Duration.between(since, now);
        Map<String, CompletableFuture<MetricResult>> canary = new LinkedHashMap<>();
        Map<String, CompletableFuture<MetricResult>> primary = new LinkedHashMap<>();
        for (MetricCheck check : spec.analysis().metrics()) {
            if (check.sequential() == null) {
                continue;
            }
            canary.put(check.name(), count(new MetricQuery(spec, check, MetricQuery.Subject.CANARY), window,
                    deadline));
            if (check.sequential().against().primary()) {
                primary.put(check.name(), count(new MetricQuery(spec, check, MetricQuery.Subject.PRIMARY), window,
                        deadline));
            }
        }
        List<CompletableFuture<MetricResult>> all = new ArrayList<>(canary.values());
        all.addAll(primary.values());
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<String, SubjectCounts> results = new LinkedHashMap<>();
            canary.forEach((name, future) -> results.put(name, new SubjectCounts(future.join(),
                    primary.containsKey(name) ? primary.get(name).join() : null)));
            return results;
        });
    }

    private CompletableFuture<MetricResult> count(MetricQuery query, Duration window, Instant deadline) {
        MetricsProvider provider = context.metrics();
        if (provider == null) {
            return CompletableFuture.completedFuture(new MetricResult.Failed("no metrics provider configured", ""));
        }
        String what = "counts of '" + query.check().name() + "' (" + query.subject() + ")";
        CompletableFuture<MetricResult> answer = asyncCounts
                ? calls.asyncHere(what, deadline, () -> provider.countsAsync(query, window, calls.blocking()))
                : calls.blocking(what, deadline, () -> provider.counts(query, window));
        return answer.handle(Observer::answer);
    }

    private CompletableFuture<MetricResult> query(@Nullable MetricsProvider provider, CanarySpec spec,
            MetricCheck check, Instant deadline) {
        if (provider == null) {
            return CompletableFuture.completedFuture(new MetricResult.Failed("no metrics provider configured", ""));
        }
        String what = "metric check '" + check.name() + "'";
        MetricQuery query = MetricQuery.canary(spec, check);
        CompletableFuture<MetricResult> answer = asynchronous
                ? calls.asyncHere(what, deadline, () -> provider.queryAsync(query, calls.blocking()))
                : calls.blocking(what, deadline, () -> provider.query(query));
        return answer.handle(Observer::answer);
    }

    /** A metrics provider's answer, or {@code Failed} saying why there is none. */
    private static MetricResult answer(@Nullable MetricResult result, @Nullable Throwable failure) {
        if (failure != null) {
            Throwable e = Calls.unwrap(failure);
            return new MetricResult.Failed(e instanceof CallFailedException
                    ? Objects.requireNonNullElse(e.getMessage(), e.toString())
                    : "metrics provider threw " + e, "");
        }
        return result != null ? result : new MetricResult.Failed("metrics provider answered null", "");
    }
}
