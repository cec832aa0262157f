package dev.canary.manifest;

import dev.canary.spec.ObjectRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Flagger {@code MetricTemplate}: a query (with {@code {{ variable }}} placeholders) and the metrics server
 * that answers it. Metric checks refer to it by {@link #ref()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name      the template's name
 * @param namespace its namespace, default {@code default}
 * @param provider  where the query is sent
 * @param query     the query text, placeholders unrendered
 */
public record MetricTemplate(String name, String namespace, Provider provider, String query) {
    public MetricTemplate {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(query, "query == null");
    }

    /** The reference a metric's {@code templateRef} resolves to. */
    public ObjectRef ref() {
        return new ObjectRef(name, namespace);
    }

    /**
     * The metrics server of a template. Header values (which may carry credentials) never appear in
     * {@link #toString()}.
     *
     * @param type               the provider type; only {@code prometheus} is shipped
     * @param address            the server's base URL; null: the metrics provider's own address
     * @param headers            extra HTTP headers sent with every query
     * @param secretRef          the Kubernetes Secret holding credentials ({@code token}, or {@code username}
     *                           and {@code password}), resolved by the metrics provider; null if none
     * @param insecureSkipVerify skip TLS verification (discouraged)
     */
    public record Provider(String type, @Nullable String address, Map<String, List<String>> headers,
            @Nullable String secretRef, boolean insecureSkipVerify) {
        public Provider {
            Objects.requireNonNull(type, "type == null");
            Map<String, List<String>> copy = new LinkedHashMap<>();
            headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            headers = Map.copyOf(copy);
        }

        /**
         * Settings for the metrics provider factory: {@code address}, {@code secretRef},
         * {@code insecureSkipVerify} and {@code header.<Name>} (values joined with {@code ,}), when set.
         */
        public Map<String, String> settings() {
            Map<String, String> settings = new LinkedHashMap<>();
            if (address != null) {
                settings.put("address", address);
            }
            if (secretRef != null) {
                settings.put("secretRef", secretRef);
            }
            if (insecureSkipVerify) {
                settings.put("insecureSkipVerify", "true");
            }
            headers.forEach((k, v) -> settings.put("header." + k, String.join(",", v)));
            return Map.copyOf(settings);
        }

        @Override
        public String toString() {
            return "Provider[type=" + type + ", address=" + address + ", headers=" + headers.keySet()
                    + ", secretRef=" + secretRef + ", insecureSkipVerify="
                    + insecureSkipVerify + "]";
        }
    }
}
