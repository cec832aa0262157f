package dev.canary.examples.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One request the demo proxy forwarded, as measured at the proxy.
 *
 * @param upstream where it went
 * @param status   the HTTP status returned (502 when the upstream could not be reached)
 * @param latency  from the proxy receiving the request to the upstream's full response
 * @param at       when the response was complete
 * @param mirrored whether this was a mirrored copy (its response was discarded; the client never saw it)
 */
public record ProxiedRequest(Upstream upstream, int status, Duration latency, Instant at, boolean mirrored) {
    public ProxiedRequest {
        Objects.requireNonNull(upstream, "upstream == null");
        Objects.requireNonNull(latency, "latency == null");
        Objects.requireNonNull(at, "at == null");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status (100..599) but was " + status);
        }
    }

    /** A request the client saw (not mirrored). */
    public static ProxiedRequest served(Upstream upstream, int status, Duration latency, Instant at) {
        return new ProxiedRequest(upstream, status, latency, at, false);
    }

    /** Whether the response was a server error (5xx), which counts against the success rate. */
    public boolean isServerError() {
        return status >= 500;
    }
}
