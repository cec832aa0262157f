package dev.canary.examples.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Creates the demo's HTTP servers: on 127.0.0.1, a free port, without Nagle's delay. */
final class Loopback {
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm and delayed ACKs every
        // small response would wait ~40 ms. Read once, when the first server is created.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private Loopback() {
    }

    /** A server bound to a free port of 127.0.0.1, not started. */
    static HttpServer server() throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    }
}
