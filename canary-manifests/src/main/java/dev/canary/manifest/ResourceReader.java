package dev.canary.manifest;

import dev.canary.spec.MetricTemplate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads {@code MetricTemplate} and {@code AlertProvider} documents. */
final class ResourceReader {
    /** Metric provider types Flagger's CRD accepts; only Prometheus is shipped. */
    static final List<String> METRIC_PROVIDERS = List.of("prometheus", "influxdb", "datadog", "externalmetrics",
            "stackdriver", "cloudwatch", "newrelic", "graphite", "dynatrace", "keptn", "splunk");
    /** Alert provider types Flagger's CRD accepts. */
    static final List<String> ALERT_TYPES = List.of("slack", "msteams", "discord", "rocket", "gchat");
    /** Alert provider types this library sends to. */
    static final List<String> SHIPPED_ALERT_TYPES = List.of("slack", "msteams", "discord", "gchat");

    private ResourceReader() {
    }

    static @Nullable MetricTemplate template(Obj root) {
        Meta meta = Meta.read(root);
        Obj spec = spec(root);
        if (spec == null) {
            return null;
        }
        spec.check(Fields.TEMPLATE);
        Obj provider = spec.object("provider");
        if (provider == null && !spec.has("provider")) {
            spec.doc().error(spec.path("provider"), spec.location(), "is required (type: prometheus and its address)");
        }
        MetricTemplate.Provider p = provider == null ? null : provider(provider);
        String query = spec.required("query");
        if (query != null && query.isBlank()) {
            spec.doc().error(spec.path("query"), spec.keyLocation("query"), "must not be empty");
            return null;
        }
        MetricTemplate.Counts counts = CountAnnotations.read(root);
        return meta == null || p == null || query == null ? null
                : new MetricTemplate(meta.name(), meta.namespace(), p, query, counts);
    }

    private static MetricTemplate.@Nullable Provider provider(Obj provider) {
        provider.check(Fields.TEMPLATE_PROVIDER);
        String type = provider.required("type");
        if (type != null && !"prometheus".equals(type)) {
            String why = METRIC_PROVIDERS.contains(type) ? "not supported: only prometheus templates can be run; "
                    + type + " is not shipped with this library" : "unknown provider type '" + type + "'"
                    + Suggest.hint(type, METRIC_PROVIDERS);
            provider.doc().error(provider.path("type"), provider.keyLocation("type"), why);
            type = null;
        }
        String address = provider.string("address");
        String problem = address == null ? null : CanaryReader.urlProblem(address);
        if (problem != null) {
            provider.doc().error(provider.path("address"), provider.keyLocation("address"), problem);
        }
        String secret = secretRef(provider);
        return type == null ? null : new MetricTemplate.Provider(type, address, provider.stringLists("headers"),
                secret, provider.bool("insecureSkipVerify"));
    }

    static @Nullable AlertProviderResource alertProvider(Obj root) {
        Meta meta = Meta.read(root);
        Obj spec = spec(root);
        if (spec == null) {
            return null;
        }
        spec.check(Fields.ALERT_PROVIDER);
        String type = spec.required("type");
        if (type != null && !SHIPPED_ALERT_TYPES.contains(type)) {
            String why = "rocket".equals(type) ? "not supported: Rocket.Chat is not shipped; its incoming webhooks "
                    + "accept Slack's format, so type: slack may work" : "unknown type '" + type + "'"
                    + Suggest.hint(type, SHIPPED_ALERT_TYPES);
            spec.doc().error(spec.path("type"), spec.keyLocation("type"), why);
            type = null;
        }
        String address = spec.string("address");
        String proxy = spec.string("proxy");
        String secret = secretRef(spec);
        if (address == null && secret == null && !spec.has("address")) {
            spec.doc().error(spec.path("address"), spec.location(), "is required unless secretRef names a Secret "
                    + "with an address key");
        }
        for (String key : List.of("address", "proxy")) {
            String url = spec.string(key);
            String problem = url == null ? null : CanaryReader.urlProblem(url, true);
            if (problem != null) {
                spec.doc().error(spec.path(key), spec.keyLocation(key), problem);
            }
        }
        return meta == null || type == null ? null : new AlertProviderResource(meta.name(), meta.namespace(), type,
                spec.string("channel", AlertProviderResource.DEFAULT_CHANNEL),
                spec.string("username", AlertProviderResource.DEFAULT_USERNAME), address, proxy, secret);
    }

    private static @Nullable Obj spec(Obj root) {
        Obj spec = root.object("spec");
        if (spec == null && !root.has("spec")) {
            root.doc().error(root.path("spec"), root.location(), "is required");
        }
        return spec;
    }

    private static @Nullable String secretRef(Obj parent) {
        Obj ref = parent.object("secretRef");
        if (ref == null) {
            return null;
        }
        ref.check(Fields.SECRET_REF);
        return ref.required("name");
    }
}
