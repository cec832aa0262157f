package dev.canary.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A handful of GET requests sent one after the other, like a few {@code curl} calls: to see where the proxy sends
 * traffic now ({@link #split}), or to get the demo's HTTP code loaded before a run ({@link #warmUp}). Not a load
 * generator: the requests are sequential and their number is fixed (at most {@value #MAX_REQUESTS}); the demo's
 * load comes from the library's built-in generator. Thread-safe.
 */
public final class TrafficProbe {
    /** The most requests one call sends. */
    public static final int MAX_REQUESTS = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /**
     * Sends {@code count} requests through {@code proxy} and returns where the proxy sent them, as recorded by it.
     * Each request is answered before the next is sent, so with fixed routes the split is exact.
     *
     * @throws UncheckedIOException when a request gets no answer
     */
    public TrafficSplit split(WeightedProxy proxy, int count, Clock clock) {
        Objects.requireNonNull(proxy, "proxy == null");
        Instant from = clock.instant().minusNanos(1);
        send(proxy.uri(), count);
        return proxy.log().split(from, clock.instant());
    }

    /**
     * Sends {@code count} requests to each of {@code targets}, answers ignored: the first requests through a fresh
     * JVM are slow while classes load, which a run should not judge the canary on.
     *
     * @throws UncheckedIOException when a request gets no answer
     */
    public void warmUp(int count, URI... targets) {
        for (URI target : targets) {
            send(target, count);
        }
    }

    private void send(URI target, int count) {
        if (count < 1 || count > MAX_REQUESTS) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_REQUESTS + " but was " + count);
        }
        HttpRequest request = HttpRequest.newBuilder(target.resolve("/")).timeout(TIMEOUT).GET().build();
        for (int i = 0; i < count; i++) {
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new UncheckedIOException("no answer from " + target + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while probing " + target, e);
            }
        }
    }

    @Override
    public String toString() {
        return "TrafficProbe";
    }
}
