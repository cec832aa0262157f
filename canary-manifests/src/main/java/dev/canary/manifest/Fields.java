package dev.canary.manifest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The support table: for every field of Flagger's CRDs, whether it is honoured, ignored with a warning,
 * rejected, or (for router-specific fields) rejected when a shipped router would silently not apply it.
 */
final class Fields {
    /** What happens to a field. */
    enum Kind {
        /** Read and applied. */
        HONOUR,
        /** Not in Flagger's CRD; read and applied (this library's extension). */
        EXTENSION,
        /** Kubernetes object metadata: accepted, not used, no warning. */
        IGNORE,
        /** Accepted and not applied, with a warning; harmless. */
        WARN,
        /** Only another router applies it: an error for a shipped router, a warning (dropped) otherwise. */
        ROUTER,
        /** An error. */
        REJECT
    }

    record Rule(Kind kind, String reason) {
    }

    private static final String SERVICE_METADATA = "labels and annotations of the generated services are not applied";
    private static final String MATCH_HEADERS_ONLY = "A/B rules match request headers and cookies only";

    static final Map<String, Rule> DOCUMENT = table(
            "apiVersion kind metadata spec", Kind.HONOUR,
            "status", warn("status is written by Flagger; a run's state lives in its StateStore"));
    static final Map<String, Rule> METADATA = table(
            "name namespace", Kind.HONOUR,
            "labels annotations uid resourceVersion generation creationTimestamp deletionTimestamp "
                    + "deletionGracePeriodSeconds ownerReferences finalizers managedFields selfLink", Kind.IGNORE,
            "generateName", reject("a generated name cannot be referred to; set metadata.name"));
    static final Map<String, Rule> LIST = table("apiVersion kind metadata items", Kind.HONOUR);
    static final Map<String, Rule> CANARY = table(
            "provider metricsServer progressDeadlineSeconds targetRef autoscalerRef service analysis "
                    + "canaryAnalysis skipAnalysis revertOnDeletion suspend", Kind.HONOUR,
            "ingressRef", warn("NGINX Ingress reference, used only by the nginx provider"),
            "routeRef", warn("APISIX route reference, used only by the apisix provider"),
            "upstreamRef", warn("Gloo upstream reference, used only by the gloo provider"));
    static final Map<String, Rule> TARGET_REF = table("apiVersion kind name", Kind.HONOUR);
    static final Map<String, Rule> AUTOSCALER_REF = table(
            "apiVersion kind name primaryScalerReplicas", Kind.HONOUR,
            "primaryScalerQueries", reject("KEDA ScaledObject queries; the kubernetes target clones "
                    + "HorizontalPodAutoscalers only"));
    static final Map<String, Rule> SCALER_REPLICAS = table("minReplicas maxReplicas", Kind.HONOUR);
    static final Map<String, Rule> SERVICE = table(
            "name port portName targetPort", Kind.HONOUR,
            "appProtocol", warn("the generated services get no appProtocol"),
            "trafficDistribution", warn("the generated services get no trafficDistribution"),
            "portDiscovery", warn("only the service port is routed; other container ports are not added"),
            "headless", warn("the generated services are ClusterIP services"),
            "meshName backends", warn("App Mesh settings, used only by the appmesh provider"),
            "hosts gateways delegation", warn("Istio VirtualService placement; with Traefik your IngressRoute "
                    + "decides hosts and entry points"),
            "gatewayRefs", warn("Gateway API parent gateways, used only by the gatewayapi provider"),
            "apex primary canary", warn(SERVICE_METADATA),
            "unmanagedMetadata", warn("the generated services' metadata is not managed"),
            "timeout", router("an HTTP route timeout applied by mesh routers (Istio, Gateway API, ...)"),
            "backendTimeout", router("a Gateway API backend request timeout"),
            "match", router("Istio match conditions of the apex route"),
            "rewrite", router("an Istio / Gateway API URI rewrite"),
            "retries", router("an Istio retry policy"),
            "headers", router("Istio request/response header operations"),
            "corsPolicy", router("an Istio CORS policy"),
            "trafficPolicy", router("an Istio DestinationRule traffic policy (TLS, load balancing, connection "
                    + "pool, outlier detection)"),
            "mirror", router("Gateway API request mirror filters; use analysis.mirror to mirror to the canary"));
    static final Map<String, Rule> ANALYSIS = table(
            "interval threshold maxWeight stepWeight stepWeights stepWeightPromotion iterations mirror "
                    + "mirrorWeight primaryReadyThreshold canaryReadyThreshold match metrics webhooks alerts",
            Kind.HONOUR,
            "rollbackTiming", Kind.EXTENSION,
            "sessionAffinity", router("cookie-based session affinity, applied by the Istio and Gateway API "
                    + "routers"));
    static final Map<String, Rule> MATCH = table(
            "headers", Kind.HONOUR,
            "queryParams", reject(MATCH_HEADERS_ONLY + ", not query parameters"),
            "sourceLabels", reject(MATCH_HEADERS_ONLY + "; source workload labels are a mesh feature"));
    static final Map<String, Rule> STRING_MATCH = table("exact prefix suffix regex", Kind.HONOUR);
    static final Map<String, Rule> METRIC = table(
            "name interval threshold thresholdRange query templateRef templateVariables", Kind.HONOUR,
            "onNoData onError minSamples", Kind.EXTENSION);
    static final Map<String, Rule> RANGE = table("min max", Kind.HONOUR);
    static final Map<String, Rule> REF = table("name namespace", Kind.HONOUR);
    static final Map<String, Rule> WEBHOOK = table(
            "name type url timeout retries metadata muteAlert disableTLS", Kind.HONOUR);
    static final Map<String, Rule> ALERT = table("name severity providerRef", Kind.HONOUR);
    static final Map<String, Rule> TEMPLATE = table("provider query", Kind.HONOUR);
    static final Map<String, Rule> TEMPLATE_PROVIDER = table(
            "type address headers secretRef insecureSkipVerify", Kind.HONOUR,
            "region", warn("the CloudWatch region; unused by Prometheus"));
    static final Map<String, Rule> SECRET_REF = table("name", Kind.HONOUR);
    static final Map<String, Rule> ALERT_PROVIDER = table(
            "type channel username address proxy secretRef", Kind.HONOUR);

    private Fields() {
    }

    /** Applies {@code table} to the keys of {@code node}: unknown fields, warnings, rejections. */
    static void check(Obj obj, Node.MapNode node, Map<String, Rule> table) {
        Doc doc = obj.doc();
        for (int i = 0; i < node.count(); i++) {
            String key = node.key(i);
            Rule rule = table.get(key);
            if (rule == null) {
                doc.error(obj.path(key), node.keyLocationAt(i), "unknown field '" + key + "'"
                        + Suggest.hint(key, table.keySet()));
                continue;
            }
            switch (rule.kind()) {
                case WARN -> doc.warn(obj.path(key), node.keyLocationAt(i), "ignored: " + rule.reason());
                case REJECT -> doc.error(obj.path(key), node.keyLocationAt(i), "not supported: " + rule.reason());
                case ROUTER -> routerSpecific(doc, obj.path(key), node.keyLocationAt(i), rule.reason());
                default -> { }
            }
        }
    }

    private static void routerSpecific(Doc doc, String path, Node.Location at, String reason) {
        if (doc.strict()) {
            String router = doc.router() == null ? "the routers this library ships (traefik, kubernetes)"
                    : "the " + doc.router() + " router";
            doc.error(path, at, "not supported: " + reason + "; " + router + " cannot apply it. Remove it, or load the "
                    + "manifest for a router that can (ManifestOptions.router)");
        } else {
            doc.warn(path, at, "dropped: " + reason + "; no router shipped with this library applies it");
        }
    }

    private static Rule warn(String reason) {
        return new Rule(Kind.WARN, reason);
    }

    private static Rule router(String reason) {
        return new Rule(Kind.ROUTER, reason);
    }

    private static Rule reject(String reason) {
        return new Rule(Kind.REJECT, reason);
    }

    /** Pairs of (space-separated names, Kind or Rule). */
    private static Map<String, Rule> table(Object... pairs) {
        Map<String, Rule> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Rule rule = pairs[i + 1] instanceof Kind kind ? new Rule(kind, "") : (Rule) pairs[i + 1];
            for (String name : ((String) pairs[i]).split(" ")) {
                table.put(name, rule);
            }
        }
        return Map.copyOf(table);
    }
}
