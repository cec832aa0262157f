package dev.canary.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for Traefik on loopback: {@code /traffic/<service>} answers like a proxied backend, and
 * {@code /metrics} exposes what it saw in Traefik's Prometheus format ({@code traefik_service_requests_total}
 * and the {@code traefik_service_request_duration_seconds} histogram with Traefik's default buckets).
 *
 * <p>Each service answers every {@code errorEvery}-th request with 500 and records every {@code slowEvery}-th
 * request with {@code slowSeconds} instead of {@code fastSeconds} (assigned, not slept, so the test is fast
 * and the expected quantile exact). Every series is exported from the start with zero counts, so that
 * Prometheus' {@code rate()} sees the traffic begin.
 */
final class FakeTraefik implements AutoCloseable {
    static final double[] BUCKETS = {0.1, 0.3, 1.2, 5.0};
    private static final String[] CODES = {"200", "500"};

    /** How one service behaves. */
    record Behaviour(int errorEvery, int slowEvery, double fastSeconds, double slowSeconds) {
    }

    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Series> series = new ConcurrentHashMap<>();
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    FakeTraefik() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", this::metrics);
        server.createContext("/traffic/", this::traffic);
        server.setExecutor(pool);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Declares a Traefik service (such as {@code demo-podinfo-canary-80@kubernetescrd}) with zeroed series. */
    void service(String name, Behaviour behaviour) {
        behaviours.put(name, behaviour);
        for (String code : CODES) {
            series.putIfAbsent(name + "|" + code, new Series());
        }
    }

    private void traffic(HttpExchange exchange) throws IOException {
        String service = exchange.getRequestURI().getPath().substring("/traffic/".length());
        Behaviour b = behaviours.get(service);
        int status = 404;
        if (b != null) {
            int n = hits.merge(service, 1, Integer::sum);
            String code = n % b.errorEvery() == 0 ? "500" : "200";
            series.get(service + "|" + code).observe(n % b.slowEvery() == 0 ? b.slowSeconds() : b.fastSeconds());
            status = Integer.parseInt(code);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private void metrics(HttpExchange exchange) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# TYPE traefik_service_requests_total counter\n");
        series.forEach((key, s) -> out.append("traefik_service_requests_total{").append(labels(key)).append("} ")
                .append(s.count()).append('\n'));
        out.append("# TYPE traefik_service_request_duration_seconds histogram\n");
        series.forEach((key, s) -> s.appendHistogram(out, labels(key)));
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private static String labels(String key) {
        String[] parts = key.split("\\|");
        return "code=\"" + parts[1] + "\",method=\"GET\",protocol=\"http\",service=\"" + parts[0] + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** One (service, code) histogram. */
    private static final class Series {
        private final long[] buckets = new long[BUCKETS.length];
        private long count;
        private double sum;

        synchronized void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i]++;
                }
            }
            count++;
            sum += seconds;
        }

        synchronized long count() {
            return count;
        }

        synchronized void appendHistogram(StringBuilder out, String labels) {
            String name = "traefik_service_request_duration_seconds";
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append(name).append("_bucket{").append(labels).append(",le=\"").append(BUCKETS[i]).append("\"} ")
                        .append(buckets[i]).append('\n');
            }
            out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count).append('\n');
            out.append(name).append("_sum{").append(labels).append("} ").append(sum).append('\n');
            out.append(name).append("_count{").append(labels).append("} ").append(count).append('\n');
        }
    }
}
