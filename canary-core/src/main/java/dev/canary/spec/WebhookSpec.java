package dev.canary.spec;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A webhook or in-process gate consulted at one point of the run.
 *
 * @param name      unique among the spec's webhooks; an in-process gate registered under this name
 *                  answers instead of {@code url}
 * @param type      when it is consulted and what its answer does
 * @param url       where the JSON payload is POSTed; absent for in-process gates
 * @param timeout   per attempt, default {@link #DEFAULT_TIMEOUT}
 * @param metadata  sent as the payload's {@code metadata}
 * @param retries   extra attempts after a failed one, default 0
 * @param muteAlert no alert while this gate keeps the run waiting
 * @param disableTls skip TLS verification (discouraged)
 */
public record WebhookSpec(
        String name,
        HookType type,
        @Nullable URI url,
        Duration timeout,
        Map<String, String> metadata,
        int retries,
        boolean muteAlert,
        boolean disableTls) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public WebhookSpec {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(timeout, "timeout == null");
        metadata = Map.copyOf(metadata);
    }

    /** Shows the URL with its user info and query masked: tokens often sit there. */
    @Override
    public String toString() {
        return "WebhookSpec[name=" + name + ", type=" + type.wireName() + ", url="
                + Redaction.url(url) + ", timeout=" + timeout + ", metadata=" + metadata.keySet()
                + ", retries=" + retries + ", muteAlert=" + muteAlert + ", disableTls=" + disableTls + "]";
    }

    /** An HTTP webhook with the defaults. */
    public static WebhookSpec http(String name, HookType type, URI url) {
        return new WebhookSpec(name, type, url, DEFAULT_TIMEOUT, Map.of(), 0, false, false);
    }

    /** An in-process gate: answered by the {@code Gate} registered under {@code name}. */
    public static WebhookSpec gate(String name, HookType type) {
        return new WebhookSpec(name, type, null, DEFAULT_TIMEOUT, Map.of(), 0, false, false);
    }
}
