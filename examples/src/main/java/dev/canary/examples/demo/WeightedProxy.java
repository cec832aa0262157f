package dev.canary.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.canary.spec.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A reverse proxy on 127.0.0.1 (a free port) that splits requests between a primary and a canary service by the
 * current {@link Routes}: each request draws a number and goes to the canary with the canary weight's
 * probability; with mirroring, requests sent to the primary are also copied to the canary (the copy's response
 * is discarded). Every forwarded request is recorded in a {@link TrafficLog}, and {@code GET /metrics} answers
 * Traefik's Prometheus metrics for both services. Starts with all traffic on the primary. Thread-safe.
 */
public final class WeightedProxy implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers;
    private final HttpClient client;
    private final Forwarder forwarder;
    private final TrafficLog log;
    private final TraefikMetrics metrics;
    private final Random random;
    private volatile Routes routes = Routes.PRIMARY_ONLY;

    private WeightedProxy(Builder builder) throws IOException {
        this.log = new TrafficLog();
        this.metrics = new TraefikMetrics(Map.of(Upstream.PRIMARY, builder.primaryService,
                Upstream.CANARY, builder.canaryService));
        this.random = builder.random;
        this.workers = Executors.newCachedThreadPool(Threads.daemon("demo-proxy"));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(workers)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.forwarder = new Forwarder(client, Map.of(Upstream.PRIMARY, Objects.requireNonNull(builder.primary),
                Upstream.CANARY, Objects.requireNonNull(builder.canary)), builder.clock, this::record);
        this.server = Loopback.server();
        server.setExecutor(workers);
        server.createContext("/", this::proxy);
        server.createContext("/metrics", this::serveMetrics);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The proxy's base URI, such as {@code http://127.0.0.1:41234}; send client traffic here. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The split in force now. */
    public Routes routes() {
        return routes;
    }

    /** Changes the split; requests arriving from now on follow it. */
    public void setRoutes(Routes routes) {
        this.routes = Objects.requireNonNull(routes, "routes == null");
    }

    /** Every request forwarded, as measured here. */
    public TrafficLog log() {
        return log;
    }

    /** The {@code /metrics} text as it would be scraped now. */
    public String metricsText() {
        return metrics.render();
    }

    private void proxy(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Routes current = routes;
            Upstream upstream = choose(current, random);
            Forwarder.Request request = new Forwarder.Request(exchange.getRequestMethod(),
                    exchange.getRequestURI(), exchange.getRequestHeaders().getFirst("Content-Type"), body);
            if (current.mirrored() && upstream == Upstream.PRIMARY) {
                forwarder.mirror(request);
            }
            forwarder.forward(request, upstream, exchange);
        } finally {
            exchange.close();
        }
    }

    /** Draws the upstream of one request: the canary with the canary weight's probability. */
    static Upstream choose(Routes routes, Random random) {
        return random.nextInt(100) < routes.canary() ? Upstream.CANARY : Upstream.PRIMARY;
    }

    private void record(ProxiedRequest request, String method) {
        log.record(request);
        metrics.record(request, method);
    }

    private void serveMetrics(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            byte[] text = metrics.render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, text.length);
            exchange.getResponseBody().write(text);
        } finally {
            exchange.close();
        }
    }

    /** Stops listening at once and closes the log. */
    @Override
    public void close() {
        server.stop(0);
        log.close();
        workers.shutdownNow();
    }

    /** Configures a {@link WeightedProxy}. Not thread-safe. */
    public static final class Builder {
        private @Nullable URI primary;
        private @Nullable URI canary;
        private String primaryService = "primary@demo";
        private String canaryService = "canary@demo";
        private Clock clock = Clock.systemUTC();
        private Random random = new Random();

        private Builder() {
        }

        /** The primary service's base URI (required). */
        public Builder primary(URI primary) {
            this.primary = Objects.requireNonNull(primary, "primary == null");
            return this;
        }

        /** The canary service's base URI (required). */
        public Builder canary(URI canary) {
            this.canary = Objects.requireNonNull(canary, "canary == null");
            return this;
        }

        /**
         * The {@code service} labels of the metrics, as Traefik names the Kubernetes services of canary
         * {@code namespace/service}: {@code <namespace>-<service>-primary-<port>@kubernetescrd} and
         * {@code ...-canary-...}. Default {@code primary@demo} and {@code canary@demo}.
         */
        public Builder kubernetesServiceNames(String namespace, String service, int port) {
            this.primaryService = TraefikMetrics.kubernetesServiceName(namespace, service + "-primary", port);
            this.canaryService = TraefikMetrics.kubernetesServiceName(namespace, service + "-canary", port);
            return this;
        }

        /** The clock that timestamps the records; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** The source of the split draws; default a new {@link Random}. Give a seeded one for repeatable splits. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random == null");
            return this;
        }

        /** Starts the proxy on a free loopback port. */
        public WeightedProxy start() {
            if (primary == null || canary == null) {
                throw new IllegalStateException("both upstreams are required: call primary(URI) and canary(URI)");
            }
            try {
                WeightedProxy proxy = new WeightedProxy(this);
                proxy.server.start();
                return proxy;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the demo proxy on 127.0.0.1", e);
            }
        }
    }
}
