package dev.canary.prometheus;

import org.jspecify.annotations.Nullable;

/** What one HTTP query produced: a result or the failure. */
record Answer(@Nullable QueryResult result, @Nullable PrometheusException error) {

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
