package dev.canary.examples.demo;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Cumulative per-service request counters and latency histograms, rendered in Traefik's Prometheus text format
 * ({@code traefik_service_requests_total}, {@code traefik_service_request_duration_seconds_bucket/_sum/_count},
 * with Traefik's default buckets 0.1, 0.3, 1.2 and 5 seconds). Thread-safe.
 */
final class TraefikMetrics {
    static final double[] BUCKETS = {0.1, 0.3, 1.2, 5.0};
    private static final String REQUESTS = "traefik_service_requests_total";
    private static final String DURATION = "traefik_service_request_duration_seconds";

    private final Map<Upstream, String> services;
    private final Map<String, Series> series = new TreeMap<>();

    /** @param services the {@code service} label of each upstream, such as {@code demo-podinfo-canary-80@...} */
    TraefikMetrics(Map<Upstream, String> services) {
        this.services = Map.copyOf(services);
        for (Upstream upstream : Upstream.values()) {
            Objects.requireNonNull(this.services.get(upstream), "no service label for " + upstream);
        }
    }

    /** Traefik's name of a Kubernetes service port behind an IngressRoute or TraefikService. */
    static String kubernetesServiceName(String namespace, String service, int port) {
        return namespace + "-" + service + "-" + port + "@kubernetescrd";
    }

    synchronized void record(ProxiedRequest request, String method) {
        String labels = "code=\"" + request.status() + "\",method=\"" + method + "\",protocol=\"http\",service=\""
                + services.get(request.upstream()) + "\"";
        series.computeIfAbsent(labels, l -> new Series()).add(request.latency().toNanos() / 1e9);
    }

    /** The exposition text, as Traefik serves it at {@code /metrics}. */
    synchronized String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP ").append(REQUESTS).append(" How many HTTP requests processed on a service, partitioned by "
                + "status code, protocol, and method.\n");
        out.append("# TYPE ").append(REQUESTS).append(" counter\n");
        series.forEach((labels, s) -> out.append(REQUESTS).append('{').append(labels).append("} ").append(s.count)
                .append('\n'));
        out.append("# HELP ").append(DURATION).append(" How long it took to process the request on a service, "
                + "partitioned by status code, protocol, and method.\n");
        out.append("# TYPE ").append(DURATION).append(" histogram\n");
        series.forEach((labels, s) -> s.render(out, labels));
        return out.toString();
    }

    private static final class Series {
        private final long[] buckets = new long[BUCKETS.length];
        private long count;
        private double sum;

        void add(double seconds) {
            count++;
            sum += seconds;
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i]++;
                }
            }
        }

        void render(StringBuilder out, String labels) {
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append(DURATION).append("_bucket{").append(labels).append(",le=\"").append(format(BUCKETS[i]))
                        .append("\"} ").append(buckets[i]).append('\n');
            }
            out.append(DURATION).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count).append('\n');
            out.append(DURATION).append("_sum{").append(labels).append("} ").append(format(sum)).append('\n');
            out.append(DURATION).append("_count{").append(labels).append("} ").append(count).append('\n');
        }

        private static String format(double value) {
            return value == Math.rint(value) && value < 1e15 ? Long.toString((long) value)
                    : String.format(Locale.ROOT, "%s", value);
        }
    }
}
