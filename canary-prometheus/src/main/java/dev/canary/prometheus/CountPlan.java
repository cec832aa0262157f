package dev.canary.prometheus;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What to ask Prometheus for the counts behind one check: the queries for requests, failures and (when
 * {@code buckets}) the latency buckets, and the server; or, when no query could be built, why. They are sent as one
 * query ({@link #combined()}).
 *
 * @param endpoint the server, null when failed
 * @param queries  requests, failures, then buckets
 * @param buckets  whether the third query's latency buckets are read
 * @param problem  why there are no queries, or null
 */
record CountPlan(@Nullable Endpoint endpoint, List<String> queries, boolean buckets, @Nullable String problem) {
    CountPlan {
        queries = List.copyOf(queries);
    }

    static CountPlan failed(String problem) {
        return new CountPlan(null, List.of(), false, problem);
    }

    /** The queries whose answers are read: requests, failures and, when {@code buckets}, the buckets. */
    List<String> parts() {
        return buckets && queries.size() > 2 ? queries : queries.subList(0, Math.min(2, queries.size()));
    }

    /** The one query that reads every part at once ({@link CombinedCounts#query}). */
    String combined() {
        return CombinedCounts.query(parts());
    }
}
