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
 *
 * <p>The queries go out as one ({@link CombinedCounts}), so that every count comes from the same scrapes. When
 * Prometheus rejects that query (HTTP 400 or 422: a template count query that is a scalar, say, cannot be
 * aggregated), the queries are sent one by one, as they are written, and each answers or fails on its own.
 */
final class CountQueries {
    private CountQueries() {
    }

    /** Runs the plan's combined query at {@code now} and maps the answer to counts, or a failure. */
    static MetricResult counts(CountPlan plan, String check, Duration window, Instant now) {
        MetricResult early = withoutQueries(plan, check, window);
        if (early != null) {
            return early;
        }
        Endpoint endpoint = Objects.requireNonNull(plan.endpoint());
        String combined = plan.combined();
        try {
            return combined(plan, endpoint.instant(combined, now));
        } catch (PrometheusException e) {
            if (!rejected(e)) {
                return failed(combined, e);
            }
        } catch (IllegalArgumentException e) {
            return failed(combined, e);
        }
        List<String> parts = plan.parts();
        try {
            List<QueryResult> answers = new ArrayList<>(parts.size());
            for (String promql : parts) {
                answers.add(endpoint.instant(promql, now));
            }
            return map(answers, String.join("; ", parts));
        } catch (PrometheusException | IllegalArgumentException e) {
            return failed(String.join("; ", parts), e);
        }
    }

    /**
     * As {@link #counts}, without holding a thread: the combined query (and, when it is rejected, the plan's
     * queries, all at once) goes out as an asynchronous call and the answer is mapped when it arrives.
     */
    static CompletableFuture<MetricResult> countsAsync(CountPlan plan, String check, Duration window, Instant now) {
        MetricResult early = withoutQueries(plan, check, window);
        if (early != null) {
            return CompletableFuture.completedFuture(early);
        }
        Endpoint endpoint = Objects.requireNonNull(plan.endpoint());
        String combined = plan.combined();
        return Answer.async(endpoint, combined, now).thenCompose(answer -> {
            if (answer.error() != null && rejected(answer.error())) {
                return separately(plan.parts(), endpoint, now);
            }
            try {
                return CompletableFuture.completedFuture(combined(plan, result(answer)));
            } catch (PrometheusException | IllegalArgumentException e) {
                return CompletableFuture.completedFuture(failed(combined, e));
            }
        });
    }

    private static CompletableFuture<MetricResult> separately(List<String> parts, Endpoint endpoint, Instant now) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>(parts.size());
        for (String promql : parts) {
            answers.add(Answer.async(endpoint, promql, now));
        }
        String source = String.join("; ", parts);
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            try {
                return map(answers.stream().map(a -> result(a.join())).toList(), source);
            } catch (PrometheusException | IllegalArgumentException e) {
                return failed(source, e);
            }
        });
    }

    /** Whether Prometheus refused the query itself (bad_data, execution), rather than being unavailable. */
    private static boolean rejected(PrometheusException e) {
        return e.status() == 400 || e.status() == 422;
    }

    private static MetricResult combined(CountPlan plan, QueryResult answer) {
        return map(CombinedCounts.split(answer, plan.parts().size()), plan.combined());
    }

    private static @Nullable MetricResult withoutQueries(CountPlan plan, String check, Duration window) {
        if (plan.problem() != null) {
            return new MetricResult.Failed(plan.problem(), check);
        }
        if (window.isZero() || window.isNegative()) {
            return new MetricResult.Counts(RequestCounts.NONE, plan.combined());
        }
        return null;
    }

    private static QueryResult result(Answer answer) {
        if (answer.error() != null) {
            throw answer.error();
        }
        return Objects.requireNonNull(answer.result(), "an answer without error has a result");
    }

    /** Maps the answers of requests, failures and (when there is a third) buckets to counts. */
    private static MetricResult map(List<? extends QueryResult> answers, String source) {
        double requests = sum(answers.get(0));
        double failed = sum(answers.get(1));
        if (!Double.isFinite(requests) || !Double.isFinite(failed)) {
            // never taken as 0: NaN failures would read as "no failures", evidence of no harm
            double bad = Double.isFinite(requests) ? failed : requests;
            return new MetricResult.NoData("a count query answered " + bad
                    + " (not a count), so there are no counts this tick", source);
        }
        double failures = Math.min(requests, failed);
        List<RequestCounts.Bucket> buckets = new ArrayList<>();
        if (answers.size() > 2 && answers.get(2) instanceof QueryResult.Vector v) {
            for (QueryResult.VectorSample s : v.samples()) {
                double le = Double.parseDouble(s.labels().getOrDefault("le", "NaN").replace("+Inf", "Infinity"));
                if (le > 0 && !Double.isInfinite(le) && Double.isFinite(s.sample().value())) {
                    buckets.add(new RequestCounts.Bucket(le, Math.min(requests, Math.max(0, s.sample().value()))));
                }
            }
        }
        return new MetricResult.Counts(new RequestCounts(requests, failures, buckets), source);
    }

    private static MetricResult failed(String source, RuntimeException e) {
        return new MetricResult.Failed("counting requests failed: " + e.getMessage(), source);
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
