package dev.canary.prometheus;

import dev.canary.internal.http.HttpTls;
import dev.canary.spec.MetricTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/**
 * What the provider asks of a {@link MetricTemplate} (the manifest layer's template, used as it is): a
 * {@code prometheus} type, Kubernetes names, a query, an http(s) address without credentials, headers and
 * {@code insecureSkipVerify} only with the template's own address, and no {@code secretRef}. Stateless.
 */
final class Templates {
    private Templates() {
    }

    /** {@code namespace/name}, as checks refer to it. */
    static String key(MetricTemplate template) {
        return template.namespace() + "/" + template.name();
    }

    /** The header values sent to the template's address: several values of one header joined with {@code ,}. */
    static String headerValue(List<String> values) {
        return String.join(",", values);
    }

    /** The template's headers, each with its values joined. */
    static Map<String, String> headers(MetricTemplate template) {
        Map<String, String> headers = new LinkedHashMap<>();
        template.provider().headers().forEach((name, values) -> headers.put(name, headerValue(values)));
        return headers;
    }

    /** The transport of templates with {@code insecureSkipVerify}: the same settings, no TLS verification. */
    static Transport insecureTransport(OkHttpClient client, Transport transport, String address) {
        LoggerFactory.getLogger(PrometheusMetricsProvider.class).warn(
                "TLS verification is off for the metric template server {} (insecureSkipVerify)",
                dev.canary.spec.Redaction.logged(address));
        OkHttpClient.Builder b = client.newBuilder();
        HttpTls.trustEverything(b);
        return new Transport(b.build(), transport.maxAttempts(), transport.initialBackoff(),
                transport.backoffMultiplier(), transport.maxBackoff(), transport.maxResponseBytes(),
                transport.queryTimeout());
    }

    /** What is wrong with {@code template}, as one message per template; empty when it can be used. */
    static List<String> problems(MetricTemplate template) {
        List<String> problems = new ArrayList<>();
        MetricTemplate.Provider provider = template.provider();
        if (!MetricTemplate.PROMETHEUS.equals(provider.type())) {
            problems.add("its provider type is '" + provider.type() + "' but this provider answers only '"
                    + MetricTemplate.PROMETHEUS + "' templates");
        }
        check(problems, () -> PromQl.kubernetesName("name", template.name()));
        check(problems, () -> PromQl.kubernetesName("namespace", template.namespace()));
        if (template.query().isBlank()) {
            problems.add("query must not be blank");
        }
        String address = provider.address();
        HttpUrl url = address == null ? null : HttpUrl.parse(address);
        if (address != null && (url == null || !url.username().isEmpty() || !url.password().isEmpty())) {
            problems.add("address must be an http(s) URL without credentials but was '" + address + "'");
        }
        if (address == null && !provider.headers().isEmpty()) {
            problems.add("headers are only sent to a template's own address; set address or use the provider's "
                    + "headers");
        }
        if (address == null && provider.insecureSkipVerify()) {
            problems.add("insecureSkipVerify applies to a template's own address; set address or the provider's "
                    + "insecureSkipVerify");
        }
        if (provider.secretRef() != null) {
            problems.add("secretRef '" + provider.secretRef() + "' names a Kubernetes Secret, which this provider "
                    + "does not read; give the credentials as template headers instead (Authorization: Bearer "
                    + "<token>, see MetricTemplate.withAddress)");
        }
        return problems.isEmpty() ? List.of()
                : List.of("metric template " + key(template) + ": " + String.join("; ", problems));
    }

    private static void check(List<String> problems, Runnable rule) {
        try {
            rule.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }
}
