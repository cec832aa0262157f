package dev.canary.internal.load;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on 127.0.0.1 that counts requests: {@code /status/NNN} answers NNN, everything else 200.
 * Records the method, body and User-Agent of every request.
 */
final class LoopbackServer implements AutoCloseable {
    record Seen(String method, String path, String body, String userAgent) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicInteger count = new AtomicInteger();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            String agent = exchange.getRequestHeaders().getFirst("User-Agent");
            seen.add(new Seen(exchange.getRequestMethod(), path, body, agent == null ? "" : agent));
            count.incrementAndGet();
            int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int count() {
        return count.get();
    }

    List<Seen> seen() {
        return seen;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
