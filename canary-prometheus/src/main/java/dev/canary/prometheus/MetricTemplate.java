package dev.canary.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * A PromQL query template that checks refer to by {@code templateRef} (Flagger's {@code MetricTemplate}
 * with provider type {@code prometheus}). The query may use <code>{{ name }}</code>, <code>{{ namespace }}</code>,
 * <code>{{ target }}</code>, <code>{{ service }}</code>, <code>{{ interval }}</code> and
 * <code>{{ variables.key }}</code>; see {@code docs/prometheus.md} for how values are validated and escaped.
 *
 * <p>Register templates with {@link PrometheusMetricsProvider.Builder#template(MetricTemplate)}.
 *
 * @param name      the template's name (a Kubernetes name)
 * @param namespace the template's namespace; a {@code templateRef} without namespace means the canary's
 * @param query     the PromQL template
 * @param address   another Prometheus to send this template's queries to; {@code null} uses the provider's
 * @param headers   headers sent with this template's queries (only when {@code address} is set; they may carry
 *                  credentials, so {@link #toString()} shows their names only)
 */
public record MetricTemplate(String name, String namespace, String query, @Nullable String address,
        Map<String, String> headers) {

    public MetricTemplate {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(query, "query == null");
        headers = Map.copyOf(headers);
        List<String> problems = new ArrayList<>();
        check(problems, () -> PromQl.kubernetesName("name", name));
        check(problems, () -> PromQl.kubernetesName("namespace", namespace));
        if (query.isBlank()) {
            problems.add("query must not be blank");
        }
        if (address != null && (HttpUrl.parse(address) == null || !HttpUrl.get(address).username().isEmpty()
                || !HttpUrl.get(address).password().isEmpty())) {
            problems.add("address must be an http(s) URL without credentials but was '" + address + "'");
        }
        if (address == null && !headers.isEmpty()) {
            problems.add("headers are only sent to a template's own address; set address or use the provider's "
                    + "headers");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("metric template " + namespace + "/" + name + ": "
                    + String.join("; ", problems));
        }
    }

    /** A template queried on the provider's own Prometheus. */
    public static MetricTemplate of(String namespace, String name, String query) {
        return new MetricTemplate(name, namespace, query, null, Map.of());
    }

    /** {@code namespace/name}. */
    public String key() {
        return namespace + "/" + name;
    }

    /** A copy that queries another Prometheus, sending {@code headers} (such as {@code Authorization}). */
    public MetricTemplate withAddress(String address, Map<String, String> headers) {
        return new MetricTemplate(name, namespace, query, address, headers);
    }

    @Override
    public String toString() {
        return "MetricTemplate[" + key() + ", query=" + query + (address != null ? ", address=" + address : "")
                + (headers.isEmpty() ? "" : ", headers=" + new TreeMap<>(headers).keySet()) + "]";
    }

    private static void check(List<String> problems, Runnable rule) {
        try {
            rule.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }
}
