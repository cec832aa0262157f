package dev.canary.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP service on 127.0.0.1 (a free port) that answers every path as its current
 * {@link ServiceBehaviour} says: HTTP 200 with the body {@code <name> <revision>}, or HTTP 500 for the
 * configured share of requests, after the configured latency. The response header {@code X-Revision} names the
 * revision. The behaviour can be changed while it runs (a rollout). Thread-safe.
 */
public final class DemoService implements AutoCloseable {
    private final String name;
    private final HttpServer server;
    private final ExecutorService workers;
    private final AtomicLong requests = new AtomicLong();
    private volatile ServiceBehaviour behaviour;
    private volatile boolean running;

    private DemoService(String name, ServiceBehaviour behaviour) throws IOException {
        this.name = Objects.requireNonNull(name, "name == null");
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour == null");
        this.server = Loopback.server();
        this.workers = Executors.newCachedThreadPool(Threads.daemon("demo-" + name));
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** Starts a service named {@code name} (used in responses and thread names) on a free loopback port. */
    public static DemoService start(String name, ServiceBehaviour behaviour) {
        try {
            DemoService service = new DemoService(name, behaviour);
            service.server.start();
            service.running = true;
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo service " + name + " on 127.0.0.1", e);
        }
    }

    public String name() {
        return name;
    }

    /** The base URI, such as {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public ServiceBehaviour behaviour() {
        return behaviour;
    }

    /** Rolls out {@code next}: requests arriving from now on are answered by it. */
    public void behave(ServiceBehaviour next) {
        this.behaviour = Objects.requireNonNull(next, "next == null");
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.get();
    }

    public boolean isRunning() {
        return running;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            ServiceBehaviour current = behaviour;
            long n = requests.getAndIncrement();
            pause(current);
            int status = failsRequest(n, current.errorPercent()) ? 500 : 200;
            byte[] response = (name + " " + current.revision() + (status == 500 ? " failed\n" : "\n"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().set("X-Revision", current.revision());
            exchange.sendResponseHeaders(status, response.length);
            exchange.getResponseBody().write(response);
        } finally {
            exchange.close();
        }
    }

    /** Whether request number {@code n} (from 0) fails: spreads the errors evenly, exactly the percent asked. */
    static boolean failsRequest(long n, double errorPercent) {
        long perTenThousand = Math.round(errorPercent * 100);
        return (n + 1) * perTenThousand / 10_000 > n * perTenThousand / 10_000;
    }

    private static void pause(ServiceBehaviour current) {
        if (!current.latency().isZero()) {
            try {
                Thread.sleep(current.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops listening at once. */
    @Override
    public void close() {
        running = false;
        server.stop(0);
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "DemoService[" + name + " " + behaviour + " at " + uri() + "]";
    }
}
