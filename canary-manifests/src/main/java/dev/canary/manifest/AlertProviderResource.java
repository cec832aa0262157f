package dev.canary.manifest;

import dev.canary.spec.ObjectRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Flagger {@code AlertProvider}: where alerts of the canaries that name it are sent. The address (a
 * webhook URL, which usually embeds a token) never appears in {@link #toString()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name      the provider's name
 * @param namespace its namespace, default {@code default}
 * @param type      {@code slack}, {@code msteams}, {@code discord} or {@code gchat}
 * @param channel   the channel, default {@value #DEFAULT_CHANNEL} (as in Flagger)
 * @param username  the sender's name, default {@value #DEFAULT_USERNAME} (as in Flagger)
 * @param address   the webhook URL; null when it comes from the secret
 * @param proxy     an HTTP proxy URL, or null
 * @param secretRef the Kubernetes Secret with an {@code address} (and optional {@code token}) key, or null
 */
public record AlertProviderResource(String name, String namespace, String type, String channel, String username,
        @Nullable String address, @Nullable String proxy, @Nullable String secretRef) {
    public static final String DEFAULT_CHANNEL = "general";
    public static final String DEFAULT_USERNAME = "flagger";

    public AlertProviderResource {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(channel, "channel == null");
        Objects.requireNonNull(username, "username == null");
    }

    /** The reference an alert's {@code providerRef} resolves to. */
    public ObjectRef ref() {
        return new ObjectRef(name, namespace);
    }

    /** Settings for an alert sender: {@code type}, {@code channel}, {@code username} and, when set, {@code address},
     * {@code proxy}, {@code secretRef}. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("type", type);
        settings.put("channel", channel);
        settings.put("username", username);
        if (address != null) {
            settings.put("address", address);
        }
        if (proxy != null) {
            settings.put("proxy", proxy);
        }
        if (secretRef != null) {
            settings.put("secretRef", secretRef);
        }
        return Map.copyOf(settings);
    }

    @Override
    public String toString() {
        return "AlertProviderResource[" + namespace + "/" + name + ", type=" + type + ", channel=" + channel
                + ", username=" + username + ", address=" + (address == null ? "none" : "***") + ", proxy="
                + (proxy == null ? "none" : "***") + ", secretRef=" + (secretRef == null ? "none" : secretRef) + "]";
    }
}
