package dev.canary.prometheus;

import java.time.Duration;

/**
 * The PromQL of the builtin checks, computed as Flagger's Traefik observer does, for one Traefik service
 * name (see {@link TraefikServiceNaming}) over one interval. The service name is matched exactly and
 * inserted as an escaped string literal.
 */
public final class TraefikQueries {
    /** The histogram all three queries read; its {@code le="+Inf"} bucket counts every request. */
    public static final String DURATION_BUCKET = "traefik_service_request_duration_seconds_bucket";

    private TraefikQueries() {
    }

    /** {@code request-success-rate}: the percentage of requests answered with a status other than 5xx. */
    public static String successRate(String service, Duration interval) {
        String window = window(interval);
        return "sum(rate(" + DURATION_BUCKET + "{service=" + PromQl.quote(service) + ",code!~\"5..\",le=\"+Inf\"}"
                + window + ")) / sum(rate(" + DURATION_BUCKET + "{service=" + PromQl.quote(service)
                + ",le=\"+Inf\"}" + window + ")) * 100";
    }

    /** {@code request-duration}: the 99th percentile of the request duration, in milliseconds. */
    public static String p99Millis(String service, Duration interval) {
        return "histogram_quantile(0.99, sum(rate(" + DURATION_BUCKET + "{service=" + PromQl.quote(service) + "}"
                + window(interval) + ")) by (le)) * 1000";
    }

    /**
     * The number of requests in the interval (the increase of the {@code +Inf} bucket), reported as a
     * builtin check's {@code samples}. Like every {@code increase()}, it is extrapolated to the window's edges
     * and may be a little above the exact count.
     */
    public static String requestCount(String service, Duration interval) {
        return "sum(increase(" + DURATION_BUCKET + "{service=" + PromQl.quote(service) + ",le=\"+Inf\"}"
                + window(interval) + "))";
    }

    /** Requests of the service over the window: the increase of the {@code +Inf} bucket. */
    public static String requests(String service, Duration window) {
        return requestCount(service, window);
    }

    /** Failed (5xx) requests of the service over the window. An empty answer means none failed. */
    public static String failures(String service, Duration window) {
        return "sum(increase(" + DURATION_BUCKET + "{service=" + PromQl.quote(service) + ",code=~\"5..\",le=\"+Inf\"}"
                + window(window) + "))";
    }

    /** The cumulative latency buckets of the service over the window, one series per {@code le}. */
    public static String buckets(String service, Duration window) {
        return "sum by (le) (increase(" + DURATION_BUCKET + "{service=" + PromQl.quote(service) + "}"
                + window(window) + "))";
    }

    private static String window(Duration interval) {
        return "[" + PromQl.duration(interval) + "]";
    }
}
