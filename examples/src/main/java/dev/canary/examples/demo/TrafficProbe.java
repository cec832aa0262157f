package dev.canary.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A handful of GET requests sent one after the other, like a few {@code curl} calls: to see where the proxy sends
 * traffic now ({@link #split}), or to get the HTTP code of the JVM loaded and compiled before a run
 * ({@link #warmUp}). It uses OkHttp, the client of the library's built-in load generator, so a warm-up also spares
 * the generator its slow first requests. Not a load generator: the requests are sequential and their number is
 * fixed (at most {@value #MAX_REQUESTS}); the demo's load comes from the library's built-in generator. Thread-safe.
 */
public final class TrafficProbe {
    /** The most requests one call sends. */
    public static final int MAX_REQUESTS = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String UPSTREAM_HEADER = "X-Upstream";

    private final OkHttpClient client = new OkHttpClient.Builder().callTimeout(TIMEOUT).build();

    /**
     * Sends {@code count} requests through {@code proxy} and returns where the proxy sent them, read from the
     * upstream the proxy names in each answer ({@code X-Upstream}). Only these requests are counted, never other
     * traffic through the proxy at the same time (such as a load generator's last requests still in flight).
     *
     * @throws UncheckedIOException when a request gets no answer, or an answer that does not name its upstream
     */
    public TrafficSplit split(WeightedProxy proxy, int count) {
        Objects.requireNonNull(proxy, "proxy == null");
        long[] counts = new long[2];
        send(proxy.uri(), count, response -> {
            String upstream = response.header(UPSTREAM_HEADER, "");
            switch (upstream) {
                case "primary" -> counts[0]++;
                case "canary" -> counts[1]++;
                default -> throw new UncheckedIOException(new IOException("the answer from " + proxy.uri()
                        + " does not name its upstream in " + UPSTREAM_HEADER + " (was '" + upstream + "')"));
            }
        });
        return new TrafficSplit(counts[0], counts[1]);
    }

    /**
     * Sends {@code count} requests to each of {@code targets}, answers ignored: the first requests through a fresh
     * JVM are slow while classes load, which a run should not judge the canary on.
     *
     * @throws UncheckedIOException when a request gets no answer
     */
    public void warmUp(int count, URI... targets) {
        for (URI target : targets) {
            send(target, count, response -> { });
        }
    }

    private void send(URI target, int count, Consumer<Response> answered) {
        if (count < 1 || count > MAX_REQUESTS) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_REQUESTS + " but was " + count);
        }
        Request request = new Request.Builder().url(target.resolve("/").toString()).get().build();
        for (int i = 0; i < count; i++) {
            try (Response response = client.newCall(request).execute()) {
                response.body().bytes();
                answered.accept(response);
            } catch (IOException e) {
                throw new UncheckedIOException("no answer from " + target + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "TrafficProbe";
    }
}
