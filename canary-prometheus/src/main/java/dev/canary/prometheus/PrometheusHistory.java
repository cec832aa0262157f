package dev.canary.prometheus;

import dev.canary.backtest.History;
import dev.canary.backtest.RecordedTick;
import dev.canary.backtest.Release;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Routes;
import dev.canary.spi.MetricQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link History} read from a Prometheus server: the checks a {@link PrometheusMetricsProvider} answers live,
 * evaluated at past tick times. Each check costs one range query per release (value, plus the request count for
 * builtin checks), evaluated every {@code analysis.interval} from the release's start, so every tick sees exactly
 * what an instant query at that time would have returned; a range longer than Prometheus'
 * {@value PrometheusMetricsProvider#MAX_RANGE_POINTS} points is split into several queries.
 *
 * <p>The router's weights at a tick are the canary's share of the requests both services served since the
 * previous tick, read from Traefik's request counters ({@code le="+Inf"} bucket of
 * {@value TraefikQueries#DURATION_BUCKET}, counter resets handled); no request at all means unknown. Releases in a
 * window are the moments the canary starts serving requests after at least {@link #quietPeriod()} without any:
 * the release starts two intervals before its first requests (a run detects the revision, then sets the first
 * weight one interval later). A {@link Release}'s service names, when given, replace the spec's for the builtin
 * checks and the weights (not for templates and inline queries, which select their own series).
 *
 * <p>Thread-safe when the provider is.
 */
public final class PrometheusHistory implements History {
    /** How long the canary must have served nothing before new requests count as a new release. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMinutes(5);

    private final PrometheusMetricsProvider provider;
    private final Duration quietPeriod;

    private PrometheusHistory(PrometheusMetricsProvider provider, Duration quietPeriod) {
        this.provider = Objects.requireNonNull(provider, "provider == null");
        this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod == null");
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("quietPeriod must be positive but was " + quietPeriod);
        }
    }

    /** The history of what {@code provider} answers, with {@link #DEFAULT_QUIET_PERIOD}. */
    public static PrometheusHistory of(PrometheusMetricsProvider provider) {
        return new PrometheusHistory(provider, DEFAULT_QUIET_PERIOD);
    }

    /** The history of what {@code provider} answers, with its own quiet period between releases. */
    public static PrometheusHistory of(PrometheusMetricsProvider provider, Duration quietPeriod) {
        return new PrometheusHistory(provider, quietPeriod);
    }

    public Duration quietPeriod() {
        return quietPeriod;
    }

    @Override
    public List<RecordedTick> record(CanarySpec spec, Release release, List<Instant> ticks) {
        if (ticks.isEmpty()) {
            return List.of();
        }
        Duration step = spec.analysis().interval();
        Instant first = ticks.get(0);
        Instant last = ticks.get(ticks.size() - 1);
        for (int k = 0; k < ticks.size(); k++) {
            if (!ticks.get(k).equals(first.plus(step.multipliedBy(k)))) {
                throw new IllegalArgumentException("tick times must be spaced by analysis.interval " + step
                        + " but tick " + k + " was " + ticks.get(k));
            }
        }
        Map<String, List<MetricResult>> results = new HashMap<>();
        for (MetricCheck check : spec.analysis().metrics().stream().filter(c -> !c.isSequential()).toList()) {
            CheckPlan plan = provider.planner().plan(MetricQuery.canary(spec, check), release.canaryService());
            results.put(check.name(), check(plan, ticks, step));
        }
        Weights weights = weights(spec, release, first, last, step);
        List<RecordedTick> recorded = new ArrayList<>(ticks.size());
        for (int k = 0; k < ticks.size(); k++) {
            Map<String, MetricResult> metrics = new HashMap<>();
            int i = k;
            results.forEach((name, list) -> metrics.put(name, list.get(i)));
            recorded.add(new RecordedTick(ticks.get(k), metrics, weights.routes(ticks.get(k))));
        }
        return recorded;
    }

    /**
     * The counts behind a check at a past time, as the provider answers them live (for a builtin check the
     * requests, 5xx and latency buckets of the subject's Traefik service, {@code increase(...)} over
     * {@code window}; for a template its count queries), with one instant query at {@code at}, as
     * {@link PrometheusMetricsProvider#counts} sends it. The spec's service names are used (not the release's).
     */
    @Override
    public MetricResult counts(CanarySpec spec, Release release, MetricCheck check, MetricQuery.Subject subject,
            Duration window, Instant at) {
        return CountQueries.counts(provider.planner().countPlan(new MetricQuery(spec, check, subject), window),
                check.name(), window, at);
    }

    @Override
    public List<Release> releases(CanarySpec spec, Instant from, Instant to) {
        Duration step = spec.analysis().interval();
        String canary = provider.planner().naming().serviceName(spec, MetricQuery.Subject.CANARY);
        CounterDeltas requests = counters(canary, from, to, step);
        List<Release> releases = new ArrayList<>();
        Instant lastTraffic = null;
        for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
            if (requests.at(t) <= 0) {
                continue;
            }
            if (lastTraffic == null || Duration.between(lastTraffic, t).compareTo(quietPeriod) > 0) {
                Instant start = t.minus(step.multipliedBy(2));
                releases.add(Release.at(start.toString(), start));
            }
            lastTraffic = t;
        }
        return releases;
    }

    /**
     * A range query of any length: split into queries of at most {@value RangeSplitter#STEPS_PER_QUERY} steps
     * when longer than Prometheus allows, the series merged.
     *
     * @throws PrometheusException when Prometheus rejects a query or stays unavailable
     */
    public QueryResult.Matrix queryRange(String promql, Instant start, Instant end, Duration step) {
        return range(provider.planner().defaultEndpoint(), promql, start, end, step);
    }

    private static QueryResult.Matrix range(Endpoint endpoint, String promql, Instant start, Instant end,
            Duration step) {
        return RangeSplitter.run(start, end, step, chunk -> {
            QueryResult result = endpoint.range(promql, chunk.start(), chunk.end(), step);
            if (result instanceof QueryResult.Matrix matrix) {
                return matrix;
            }
            throw new PrometheusException("a range query returned " + result.getClass().getSimpleName()
                    + " instead of a matrix; query: " + promql, 200, null, promql, false, null);
        });
    }

    private static List<MetricResult> check(CheckPlan plan, List<Instant> ticks, Duration step) {
        Endpoint endpoint = plan.endpoint();
        String query = plan.valueQuery();
        if (plan.problem() != null || endpoint == null) {
            return failed(ticks, String.valueOf(plan.problem()), query);
        }
        Instant first = ticks.get(0);
        Instant last = ticks.get(ticks.size() - 1);
        TickValues values;
        TickValues counts = null;
        try {
            values = new TickValues(range(endpoint, query, first, last, step));
            if (plan.samplesQuery() != null) {
                counts = new TickValues(range(endpoint, plan.samplesQuery(), first, last, step));
            }
        } catch (PrometheusException e) {
            return failed(ticks, e.getMessage(), query);
        }
        List<MetricResult> out = new ArrayList<>(ticks.size());
        for (Instant t : ticks) {
            out.add(values.result(t, counts, query));
        }
        return out;
    }

    private static List<MetricResult> failed(List<Instant> ticks, String message, String query) {
        MetricResult failed = new MetricResult.Failed(message, query);
        return ticks.stream().map(t -> failed).toList();
    }

    private Weights weights(CanarySpec spec, Release release, Instant first, Instant last, Duration step) {
        TraefikServiceNaming naming = provider.planner().naming();
        String canary = release.canaryService() != null ? release.canaryService()
                : naming.serviceName(spec, MetricQuery.Subject.CANARY);
        String primary = release.primaryService() != null ? release.primaryService()
                : naming.serviceName(spec, MetricQuery.Subject.PRIMARY);
        try {
            return new Weights(counters(canary, first, last, step), counters(primary, first, last, step));
        } catch (PrometheusException e) {
            return new Weights(null, null);
        }
    }

    /** The request counters of {@code service} at every step of {@code [from, to]}, and one step before. */
    private CounterDeltas counters(String service, Instant from, Instant to, Duration step) {
        String query = TraefikQueries.DURATION_BUCKET + "{service=" + PromQl.quote(service) + ",le=\"+Inf\"}";
        Instant start = from.minus(step);
        return new CounterDeltas(queryRange(query, start, to, step), start, step);
    }

    /** The canary's share of the requests per tick; unknown when the queries failed or nothing was served. */
    private record Weights(@Nullable CounterDeltas canary, @Nullable CounterDeltas primary) {
        @Nullable Routes routes(Instant t) {
            if (canary == null || primary == null) {
                return null;
            }
            double c = canary.at(t);
            double total = c + primary.at(t);
            return total > 0 ? Routes.canary((int) Math.round(100 * c / total)) : null;
        }
    }
}
