package dev.canary.prometheus;

import dev.canary.spec.MetricResult;
import dev.canary.spec.RequestCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The counts behind a check, for sequential judgement: requests, failed requests and the latency buckets of one
 * version over the analysis so far, from the queries a {@link CountPlan} names (the Traefik queries of the builtin
 * checks, {@code increase(...)} over the window, or a template's count queries). No series means no requests (or
 * no failures), never "no data": no traffic gives no evidence. Stateless.
 */
final class CountQueries {
    private CountQueries() {
    }

    /** Runs the plan's queries at {@code now} and maps the answers to counts, or a failure. */
    static MetricResult counts(CountPlan plan, String check, Duration window, Instant now) {
        if (plan.problem() != null) {
            return new MetricResult.Failed(plan.problem(), check);
        }
        List<String> promql = plan.queries();
        String source = String.join("; ", promql);
        if (window.isZero() || window.isNegative()) {
            return new MetricResult.Counts(RequestCounts.NONE, source);
        }
        Endpoint endpoint = Objects.requireNonNull(plan.endpoint());
        try {
            double requests = sum(endpoint.instant(promql.get(0), now));
            double failed = sum(endpoint.instant(promql.get(1), now));
            if (!Double.isFinite(requests) || !Double.isFinite(failed)) {
                // never taken as 0: NaN failures would read as "no failures", evidence of no harm
                return new MetricResult.NoData("a count query answered " + (Double.isFinite(requests) ? failed
                        : requests) + " (not a count), so there are no counts this tick", source);
            }
            double failures = Math.min(requests, failed);
            List<RequestCounts.Bucket> buckets = new ArrayList<>();
            if (plan.buckets() && promql.size() > 2
                    && endpoint.instant(promql.get(2), now) instanceof QueryResult.Vector v) {
                for (QueryResult.VectorSample s : v.samples()) {
                    double le = Double.parseDouble(s.labels().getOrDefault("le", "NaN")
                            .replace("+Inf", "Infinity"));
                    if (le > 0 && !Double.isInfinite(le) && Double.isFinite(s.sample().value())) {
                        buckets.add(new RequestCounts.Bucket(le, Math.min(requests, Math.max(0,
                                s.sample().value()))));
                    }
                }
            }
            return new MetricResult.Counts(new RequestCounts(requests, failures, buckets), source);
        } catch (PrometheusException | IllegalArgumentException e) {
            return new MetricResult.Failed("counting requests failed: " + e.getMessage(), source);
        }
    }

    /**
     * The sum of a vector's samples, or a scalar; 0 for an empty vector (no series: nothing counted); not finite
     * when a sample is NaN or infinite.
     */
    private static double sum(QueryResult result) {
        double total = 0;
        if (result instanceof QueryResult.Vector v) {
            for (QueryResult.VectorSample s : v.samples()) {
                total += s.sample().value();
            }
        } else if (result instanceof QueryResult.Scalar s) {
            total = s.sample().value();
        }
        return Double.isFinite(total) ? Math.max(0, total) : total;
    }
}
