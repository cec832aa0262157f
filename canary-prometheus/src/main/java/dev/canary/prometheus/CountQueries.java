package dev.canary.prometheus;

import dev.canary.spec.MetricResult;
import dev.canary.spec.RequestCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The counts behind a check, for sequential judgement: requests, failed requests and the latency buckets of one
 * version over the analysis so far, from the queries a {@link CountPlan} names (the Traefik queries of the builtin
 * checks, {@code increase(...)} over the window, or a template's count queries). No series means no requests (or
 * no failures), never "no data": no traffic gives no evidence. Stateless.
 */
final class CountQueries {
    private CountQueries() {
    }

    /** Runs the plan's queries at {@code now}, one after the other, and maps the answers to counts, or a failure. */
    static MetricResult counts(CountPlan plan, String check, Duration window, Instant now) {
        MetricResult early = withoutQueries(plan, check, window);
        if (early != null) {
            return early;
        }
        List<String> promql = plan.queries();
        Endpoint endpoint = Objects.requireNonNull(plan.endpoint());
        try {
            QueryResult requests = endpoint.instant(promql.get(0), now);
            QueryResult failures = endpoint.instant(promql.get(1), now);
            QueryResult buckets = withBuckets(plan) ? endpoint.instant(promql.get(2), now) : null;
            return map(plan, requests, failures, buckets);
        } catch (PrometheusException | IllegalArgumentException e) {
            return failed(plan, e);
        }
    }

    /**
     * As {@link #counts}, without holding a thread: the plan's queries go out at once as asynchronous calls and the
     * answers are mapped when the last one arrived.
     */
    static CompletableFuture<MetricResult> countsAsync(CountPlan plan, String check, Duration window, Instant now) {
        MetricResult early = withoutQueries(plan, check, window);
        if (early != null) {
            return CompletableFuture.completedFuture(early);
        }
        List<String> promql = plan.queries();
        Endpoint endpoint = Objects.requireNonNull(plan.endpoint());
        int n = withBuckets(plan) ? 3 : 2;
        List<CompletableFuture<Answer>> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            answers.add(Answer.async(endpoint, promql.get(i), now));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            try {
                return map(plan, result(answers.get(0).join()), result(answers.get(1).join()),
                        n > 2 ? result(answers.get(2).join()) : null);
            } catch (PrometheusException | IllegalArgumentException e) {
                return failed(plan, e);
            }
        });
    }

    private static @Nullable MetricResult withoutQueries(CountPlan plan, String check, Duration window) {
        if (plan.problem() != null) {
            return new MetricResult.Failed(plan.problem(), check);
        }
        if (window.isZero() || window.isNegative()) {
            return new MetricResult.Counts(RequestCounts.NONE, String.join("; ", plan.queries()));
        }
        return null;
    }

    private static boolean withBuckets(CountPlan plan) {
        return plan.buckets() && plan.queries().size() > 2;
    }

    private static QueryResult result(Answer answer) {
        if (answer.error() != null) {
            throw answer.error();
        }
        return Objects.requireNonNull(answer.result(), "an answer without error has a result");
    }

    private static MetricResult map(CountPlan plan, QueryResult requestsResult, QueryResult failuresResult,
            @Nullable QueryResult bucketsResult) {
        double requests = sum(requestsResult);
        double failed = sum(failuresResult);
        if (!Double.isFinite(requests) || !Double.isFinite(failed)) {
            // never taken as 0: NaN failures would read as "no failures", evidence of no harm
            double bad = Double.isFinite(requests) ? failed : requests;
            return new MetricResult.NoData("a count query answered " + bad
                    + " (not a count), so there are no counts this tick", String.join("; ", plan.queries()));
        }
        double failures = Math.min(requests, failed);
        List<RequestCounts.Bucket> buckets = new ArrayList<>();
        if (bucketsResult instanceof QueryResult.Vector v) {
            for (QueryResult.VectorSample s : v.samples()) {
                double le = Double.parseDouble(s.labels().getOrDefault("le", "NaN").replace("+Inf", "Infinity"));
                if (le > 0 && !Double.isInfinite(le) && Double.isFinite(s.sample().value())) {
                    buckets.add(new RequestCounts.Bucket(le, Math.min(requests, Math.max(0, s.sample().value()))));
                }
            }
        }
        return new MetricResult.Counts(new RequestCounts(requests, failures, buckets),
                String.join("; ", plan.queries()));
    }

    private static MetricResult failed(CountPlan plan, RuntimeException e) {
        return new MetricResult.Failed("counting requests failed: " + e.getMessage(),
                String.join("; ", plan.queries()));
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
