package dev.canary.prometheus;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.RequestCounts;
import dev.canary.spi.MetricQuery;
import dev.canary.spec.MetricResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The counts behind the builtin Traefik checks, for sequential judgement: requests, failed (5xx) requests and the
 * latency buckets of one service over the analysis so far ({@code increase(...)} over the window). No series means
 * no requests (or no failures), never "no data": no traffic gives no evidence. Stateless.
 */
final class CountQueries {
    private CountQueries() {
    }

    /** The three queries for the subject's Traefik service, in the order requests, failures, buckets. */
    static List<String> queries(TraefikServiceNaming naming, MetricQuery query, Duration window) {
        String service = naming.serviceName(query.spec(), query.subject());
        Duration w = Duration.ofSeconds(Math.max(1, (window.toMillis() + 999) / 1000));
        return List.of(TraefikQueries.requests(service, w), TraefikQueries.failures(service, w),
                TraefikQueries.buckets(service, w));
    }

    /** Runs the queries at {@code now} with {@code instant} and maps the answers to counts, or a failure. */
    static MetricResult counts(TraefikServiceNaming naming, MetricQuery query, Duration window, Instant now,
            BiFunction<String, Instant, QueryResult> instant) {
        MetricCheck check = query.check();
        if (!check.isBuiltin()) {
            return new MetricResult.Failed("Prometheus reports counts for the builtin checks ("
                    + MetricCheck.REQUEST_SUCCESS_RATE + ", " + MetricCheck.REQUEST_DURATION + ") only, not for '"
                    + check.name() + "'", check.name());
        }
        List<String> promql = queries(naming, query, window);
        String source = String.join("; ", promql);
        if (window.isZero() || window.isNegative()) {
            return new MetricResult.Counts(RequestCounts.NONE, source);
        }
        try {
            double requests = sum(instant.apply(promql.get(0), now));
            double failures = Math.min(requests, sum(instant.apply(promql.get(1), now)));
            List<RequestCounts.Bucket> buckets = new ArrayList<>();
            if (MetricCheck.REQUEST_DURATION.equals(check.name())) {
                QueryResult result = instant.apply(promql.get(2), now);
                if (result instanceof QueryResult.Vector v) {
                    for (QueryResult.VectorSample s : v.samples()) {
                        double le = Double.parseDouble(s.labels().getOrDefault("le", "NaN").replace("+Inf", "Infinity"));
                        if (le > 0 && !Double.isInfinite(le) && Double.isFinite(s.sample().value())) {
                            buckets.add(new RequestCounts.Bucket(le, Math.min(requests, Math.max(0, s.sample().value()))));
                        }
                    }
                }
            }
            return new MetricResult.Counts(new RequestCounts(requests, failures, buckets), source);
        } catch (PrometheusException | IllegalArgumentException e) {
            return new MetricResult.Failed("counting requests failed: " + e.getMessage(), source);
        }
    }

    /** The value of a one-sample vector or scalar; 0 for an empty vector (no series: nothing counted). */
    private static double sum(QueryResult result) {
        double total = 0;
        if (result instanceof QueryResult.Vector v) {
            for (QueryResult.VectorSample s : v.samples()) {
                total += Double.isFinite(s.sample().value()) ? s.sample().value() : 0;
            }
        } else if (result instanceof QueryResult.Scalar s && Double.isFinite(s.sample().value())) {
            total = s.sample().value();
        }
        return Math.max(0, total);
    }
}
