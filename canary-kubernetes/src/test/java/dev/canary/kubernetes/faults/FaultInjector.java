package dev.canary.kubernetes.faults;

import dev.canary.testkit.MutableClock;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Makes the API server misbehave for the run's client while a fault is on: a 409 Conflict on every write, a 500
 * on every request, or an answer that comes after the run's call deadline (the run's clock moves past it while the
 * request is under way; the request itself goes through, as a slow server's would). Thread-safe.
 */
final class FaultInjector implements Interceptor {
    /** What the API server does wrong. */
    enum Fault {
        CONFLICT("409 Conflict on every write"),
        SERVER_ERROR("500 on every request"),
        SLOW("every answer after the call deadline");

        final String text;

        Fault(String text) {
            this.text = text;
        }
    }

    private static final String PATH = "/injected-faults/";

    private final MutableClock clock;
    private final Duration lateBy;
    private final AtomicInteger injected = new AtomicInteger();
    private volatile @Nullable Fault fault;

    /** Registers the answers of the faults on {@code server}; a slow answer moves {@code clock} by {@code lateBy}. */
    FaultInjector(KubernetesMockServer server, MutableClock clock, Duration lateBy) {
        this.clock = clock;
        this.lateBy = lateBy;
        answer(server, 409, status(409, "Conflict",
                "the object has been modified; please apply your changes to the latest version"));
        answer(server, 500, status(500, "InternalError", "etcdserver: request timed out"));
    }

    private static void answer(KubernetesMockServer server, int code, String body) {
        server.expect().get().withPath(PATH + code).andReturn(code, body).always();
        server.expect().put().withPath(PATH + code).andReturn(code, body).always();
        server.expect().post().withPath(PATH + code).andReturn(code, body).always();
        server.expect().patch().withPath(PATH + code).andReturn(code, body).always();
        server.expect().delete().withPath(PATH + code).andReturn(code, body).always();
    }

    private static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }

    void on(@Nullable Fault fault) {
        this.fault = fault;
    }

    /** How many requests the faults changed so far. */
    int injected() {
        return injected.get();
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        Fault current = fault;
        if (current == null) {
            return;
        }
        boolean write = !request.method().equals("GET");
        switch (current) {
            case CONFLICT -> {
                if (write) {
                    injected.incrementAndGet();
                    builder.uri(URI.create(request.uri().resolve(PATH + 409).toString()));
                }
            }
            case SERVER_ERROR -> {
                injected.incrementAndGet();
                builder.uri(URI.create(request.uri().resolve(PATH + 500).toString()));
            }
            case SLOW -> {
                injected.incrementAndGet();
                clock.advance(lateBy);
            }
        }
    }
}
