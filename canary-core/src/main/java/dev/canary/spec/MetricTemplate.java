package dev.canary.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Flagger {@code MetricTemplate}: a query (with {@code {{ variable }}} placeholders) and the metrics server
 * that answers it. Metric checks refer to it by {@link #ref()}.
 *
 * <p>Immutable and thread-safe. {@code canary-prometheus} takes these templates as they are
 * ({@code PrometheusMetricsProvider.builder().templates(manifest.metricTemplates())}), and reads them from
 * the metrics provider's settings ({@link TemplateSettings}) when the provider is chosen by name.
 *
 * <p>A template may also name <em>count queries</em> ({@link Counts}), so that a check that uses it can be judged
 * sequentially ({@link SequentialSpec}): the requests and failed requests (and optionally the cumulative latency
 * buckets) of the measured version since the analysis started.
 *
 * @param name      the template's name
 * @param namespace its namespace, default {@code default}
 * @param provider  where the query is sent
 * @param query     the query text, placeholders unrendered
 * @param counts    the count queries, or {@code null} when the template has none (then its checks cannot be
 *                  judged sequentially)
 */
public record MetricTemplate(String name, String namespace, Provider provider, String query,
        @Nullable Counts counts) {
    /** The provider type of Prometheus templates, the only type this library ships a provider for. */
    public static final String PROMETHEUS = "prometheus";

    public MetricTemplate {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(query, "query == null");
    }

    /** A template without count queries. */
    public MetricTemplate(String name, String namespace, Provider provider, String query) {
        this(name, namespace, provider, query, null);
    }

    /** A copy with these count queries ({@code null}: none). */
    public MetricTemplate withCounts(@Nullable Counts counts) {
        return new MetricTemplate(name, namespace, provider, query, counts);
    }

    /** A {@code prometheus} template queried on the metrics provider's own server. */
    public static MetricTemplate prometheus(String namespace, String name, String query) {
        return new MetricTemplate(name, namespace, new Provider(PROMETHEUS, null, Map.of(), null, false), query);
    }

    /** The reference a metric's {@code templateRef} resolves to. */
    public ObjectRef ref() {
        return new ObjectRef(name, namespace);
    }

    /**
     * A copy whose queries go to another server, with {@code headers} (such as {@code Authorization}) sent to it;
     * the type and the other provider fields are kept.
     */
    public MetricTemplate withAddress(String address, Map<String, String> headers) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        headers.forEach((k, v) -> lists.put(k, List.of(v)));
        return new MetricTemplate(name, namespace, new Provider(provider.type(), Objects.requireNonNull(address,
                "address == null"), lists, provider.secretRef(), provider.insecureSkipVerify()), query, counts);
    }

    /**
     * The count queries of a template, placeholders unrendered like {@code query}; they are rendered with the same
     * variables plus {@code {{ window }}}, the time since the analysis started as a Prometheus duration (such as
     * {@code 2m10s}), and must count over it, for example
     * {@code sum(increase(http_requests_total{app="{{ target }}"}[{{ window }}]))}. For the primary, the
     * queries are rendered with {@code {{ target }}} and {@code {{ service }}} naming the primary
     * ({@code <target>-primary}, {@code <service>-primary}, Flagger's names). An empty answer counts as zero.
     *
     * @param requests the number of requests over the window
     * @param failures the number of failed requests over the window
     * @param buckets  the cumulative latency-histogram buckets over the window, one series per {@code le} label
     *                 (seconds), or {@code null}; a check with a {@link SequentialSpec#latencyBound()} is judged
     *                 on them (requests slower than the bound), and needs them
     */
    public record Counts(String requests, String failures, @Nullable String buckets) {
        public Counts {
            requireQuery("requests", requests);
            requireQuery("failures", failures);
            if (buckets != null) {
                requireQuery("buckets", buckets);
            }
        }

        private static void requireQuery(String field, @Nullable String query) {
            if (query == null || query.isBlank()) {
                throw new IllegalArgumentException("counts." + field + " must be a query but was '" + query + "'");
            }
        }

        /** The queries in the order requests, failures, then buckets when set. */
        public List<String> queries() {
            return buckets == null ? List.of(requests, failures) : List.of(requests, failures, buckets);
        }
    }

    /**
     * The metrics server of a template. Header values (which may carry credentials) never appear in
     * {@link #toString()}.
     *
     * @param type               the provider type; only {@code prometheus} is shipped
     * @param address            the server's base URL; null: the metrics provider's own address
     * @param headers            extra HTTP headers sent with every query
     * @param secretRef          the Kubernetes Secret holding credentials ({@code token}, or {@code username}
     *                           and {@code password}); null if none. The Prometheus provider does not read
     *                           Secrets and refuses such a template, saying to give the credentials as headers
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
