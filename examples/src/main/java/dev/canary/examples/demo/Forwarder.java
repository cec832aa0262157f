package dev.canary.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Sends one proxied request to an upstream, copies the answer back, and reports what happened. */
final class Forwarder {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "transfer-encoding",
            "keep-alive", "date", ":status");

    /** Receives every forwarded request with its HTTP method. */
    interface Recorder {
        void record(ProxiedRequest request, String method);
    }

    /** What the client sent. */
    record Request(String method, URI uri, @Nullable String contentType, byte[] body) {
    }

    private final HttpClient client;
    private final Map<Upstream, URI> upstreams;
    private final Clock clock;
    private final Recorder recorder;

    Forwarder(HttpClient client, Map<Upstream, URI> upstreams, Clock clock, Recorder recorder) {
        this.client = client;
        this.upstreams = Map.copyOf(upstreams);
        this.clock = clock;
        this.recorder = recorder;
    }

    /** Forwards to {@code upstream} and answers the client; an unreachable upstream gives 502. */
    void forward(Request request, Upstream upstream, HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int status;
        byte[] body;
        HttpHeaders headers = null;
        try {
            HttpResponse<byte[]> response = client.send(upstreamRequest(request, upstream),
                    HttpResponse.BodyHandlers.ofByteArray());
            status = response.statusCode();
            body = response.body();
            headers = response.headers();
        } catch (IOException e) {
            status = 502;
            body = ("bad gateway: " + upstream.name().toLowerCase(java.util.Locale.ROOT) + " did not answer: " + e
                    + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 502;
            body = "bad gateway: interrupted\n".getBytes(StandardCharsets.UTF_8);
        }
        recorder.record(ProxiedRequest.served(upstream, status, Duration.ofNanos(System.nanoTime() - start),
                clock.instant()), request.method());
        if (headers != null) {
            headers.map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
        }
        exchange.getResponseHeaders().set("X-Upstream", upstream.name().toLowerCase(java.util.Locale.ROOT));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** Sends a copy to the canary in the background; its response is recorded and discarded. */
    void mirror(Request request) {
        long start = System.nanoTime();
        client.sendAsync(upstreamRequest(request, Upstream.CANARY), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    int status = failure == null ? response.statusCode() : 502;
                    recorder.record(new ProxiedRequest(Upstream.CANARY, status,
                            Duration.ofNanos(System.nanoTime() - start), clock.instant(), true), request.method());
                    return null;
                });
    }

    private HttpRequest upstreamRequest(Request request, Upstream upstream) {
        URI base = upstreams.get(upstream);
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.uri().getRawPath()
                        + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery())))
                .timeout(TIMEOUT)
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        return builder.build();
    }
}
