package dev.canary.spec;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A webhook or in-process gate consulted at one point of the run. Build one with {@link #builder(String, HookType)}
 * (or {@link #http} / {@link #gate} for the defaults); immutable and thread-safe.
 *
 * <pre>{@code
 * WebhookSpec hook = WebhookSpec.builder("load-test", HookType.ROLLOUT)
 *     .url(URI.create("http://loadtester.test/")).timeout(Duration.ofSeconds(5)).metadata(Map.of("cmd", "hey ..."))
 *     .build();
 * }</pre>
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
    /**
     * The longest timeout accepted: a longer one is an error when the spec is built. A timeout longer than the
     * analysis interval is capped to the interval when the run is built, with a warning naming the webhook.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

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
        return builder(name, type).url(url).build();
    }

    /** An in-process gate: answered by the {@code Gate} registered under {@code name}. */
    public static WebhookSpec gate(String name, HookType type) {
        return builder(name, type).build();
    }

    /** A builder with the defaults: no URL (an in-process gate), {@link #DEFAULT_TIMEOUT}, no retries. */
    public static Builder builder(String name, HookType type) {
        return new Builder(name, type);
    }

    /** A builder starting from this webhook's values. */
    public Builder toBuilder() {
        return new Builder(name, type).url(url).timeout(timeout).metadata(metadata).retries(retries)
                .muteAlert(muteAlert).disableTls(disableTls);
    }

    /** Builds a {@link WebhookSpec}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final HookType type;
        private @Nullable URI url;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Map<String, String> metadata = Map.of();
        private int retries;
        private boolean muteAlert;
        private boolean disableTls;

        private Builder(String name, HookType type) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.type = Objects.requireNonNull(type, "type == null");
        }

        /** Where the payload is POSTed; null (the default) for an in-process gate. */
        public Builder url(@Nullable URI url) {
            this.url = url;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata == null");
            return this;
        }

        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        public Builder muteAlert(boolean muteAlert) {
            this.muteAlert = muteAlert;
            return this;
        }

        public Builder disableTls(boolean disableTls) {
            this.disableTls = disableTls;
            return this;
        }

        public WebhookSpec build() {
            return new WebhookSpec(name, type, url, timeout, metadata, retries, muteAlert, disableTls);
        }
    }
}
