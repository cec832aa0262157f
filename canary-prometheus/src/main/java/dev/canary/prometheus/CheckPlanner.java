package dev.canary.prometheus;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spi.MetricQuery;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Turns a {@link MetricQuery} into PromQL: a builtin Traefik query, an inline query or a metric template. */
final class CheckPlanner {
    private final Endpoint defaultEndpoint;
    private final Map<String, MetricTemplate> templates;
    private final Map<String, Endpoint> templateEndpoints;
    private final TraefikServiceNaming naming;

    CheckPlanner(Endpoint defaultEndpoint, Map<String, MetricTemplate> templates,
            Map<String, Endpoint> templateEndpoints, TraefikServiceNaming naming) {
        this.defaultEndpoint = defaultEndpoint;
        this.templates = Map.copyOf(templates);
        this.templateEndpoints = Map.copyOf(templateEndpoints);
        this.naming = naming;
    }

    CheckPlan plan(MetricQuery query) {
        return plan(query, null);
    }

    /** Plans {@code query}; a builtin check measures {@code service} when given instead of the spec's service. */
    CheckPlan plan(MetricQuery query, @Nullable String service) {
        MetricCheck check = query.check();
        try {
            if (check.isBuiltin()) {
                return builtin(query, service != null ? service : naming.serviceName(query.spec(), query.subject()));
            }
            if (check.templateRef() != null) {
                return template(query, check.templateRef());
            }
            if (check.query() != null) {
                requireCanary(query, "inline queries");
                return CheckPlan.of(defaultEndpoint, render(check.query(), query), null);
            }
            return CheckPlan.failed("check '" + check.name() + "' has no query and no templateRef, and is not a "
                    + "builtin check (" + MetricCheck.REQUEST_SUCCESS_RATE + ", " + MetricCheck.REQUEST_DURATION
                    + ")", check.name());
        } catch (IllegalArgumentException e) {
            return CheckPlan.failed("cannot build the query of check '" + check.name() + "': " + e.getMessage(),
                    check.query() != null ? check.query() : check.name());
        }
    }

    /** How Traefik names the services the builtin checks measure. */
    TraefikServiceNaming naming() {
        return naming;
    }

    /** The server queries go to unless a template names its own. */
    Endpoint defaultEndpoint() {
        return defaultEndpoint;
    }

    private CheckPlan builtin(MetricQuery query, String service) {
        MetricCheck check = query.check();
        String value = MetricCheck.REQUEST_SUCCESS_RATE.equals(check.name())
                ? TraefikQueries.successRate(service, check.interval())
                : TraefikQueries.p99Millis(service, check.interval());
        return CheckPlan.of(defaultEndpoint, value, TraefikQueries.requestCount(service, check.interval()));
    }

    private CheckPlan template(MetricQuery query, ObjectRef ref) {
        requireCanary(query, "metric templates");
        String key = (ref.namespace() != null ? ref.namespace() : query.spec().namespace()) + "/" + ref.name();
        MetricTemplate template = templates.get(key);
        if (template == null) {
            throw new IllegalArgumentException("metric template " + key + " is not registered (register it with "
                    + "PrometheusMetricsProvider.builder().template(...)); registered: "
                    + new TreeMap<>(templates).keySet());
        }
        Endpoint endpoint = templateEndpoints.getOrDefault(key, defaultEndpoint);
        return CheckPlan.of(endpoint, render(template.query(), query), null);
    }

    private static String render(String text, MetricQuery query) {
        CanarySpec spec = query.spec();
        Map<String, String> model = Map.of(
                "name", PromQl.kubernetesName("name", spec.name()),
                "namespace", PromQl.kubernetesName("namespace", spec.namespace()),
                "target", PromQl.kubernetesName("targetRef.name", spec.targetRef().name()),
                "service", PromQl.kubernetesName("service.name", spec.service().name()),
                "interval", PromQl.duration(query.check().interval()));
        return TemplateRenderer.render(text, model, query.check().templateVariables());
    }

    private static void requireCanary(MetricQuery query, String what) {
        if (query.subject() != MetricQuery.Subject.CANARY) {
            throw new IllegalArgumentException(what + " describe the canary; the subject " + query.subject()
                    + " is answered for builtin checks only (write a template that selects {{ target }}-primary)");
        }
    }
}
