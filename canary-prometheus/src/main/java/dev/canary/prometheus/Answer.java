package dev.canary.prometheus;

import org.jspecify.annotations.Nullable;

/** What one HTTP query produced: a result or the failure. */
record Answer(@Nullable QueryResult result, @Nullable PrometheusException error) {

    /** The answer of an asynchronous query: its result, or its failure as {@link #of} reports it. */
    static java.util.concurrent.CompletableFuture<Answer> async(Endpoint endpoint, String promql,
            java.time.Instant time) {
        java.util.concurrent.CompletableFuture<QueryResult> query;
        try {
            query = endpoint.instantAsync(promql, time);
        } catch (RuntimeException e) {
            query = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        return query.handle((result, failure) -> {
            if (failure == null) {
                return new Answer(result, null);
            }
            Throwable e = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return e instanceof PrometheusException pe ? new Answer(null, pe)
                    : new Answer(null, new PrometheusException("querying Prometheus failed: " + e + "; query: "
                            + promql, -1, null, promql, false, e));
        });
    }

    static Answer of(Endpoint endpoint, String promql, java.time.Instant time) {
        try {
            return new Answer(endpoint.instant(promql, time), null);
        } catch (PrometheusException e) {
            return new Answer(null, e);
        } catch (RuntimeException e) {
            return new Answer(null, new PrometheusException("querying Prometheus failed: " + e + "; query: " + promql,
                    -1, null, promql, false, e));
        }
    }
}
