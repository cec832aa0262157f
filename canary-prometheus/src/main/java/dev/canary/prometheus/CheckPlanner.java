package dev.canary.prometheus;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spi.MetricQuery;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
        String key = key(query, ref);
        MetricTemplate template = registered(key);
        Endpoint endpoint = templateEndpoints.getOrDefault(key, defaultEndpoint);
        return CheckPlan.of(endpoint, render(template.query(), query), null);
    }

    /**
     * The count queries of {@code query} over {@code window} (whole seconds, at least 1s): the Traefik queries of a
     * builtin check, or the rendered count queries of the check's template; a failed plan when there are none.
     */
    CountPlan countPlan(MetricQuery query, Duration window) {
        MetricCheck check = query.check();
        Duration w = Duration.ofSeconds(Math.max(1, (window.toMillis() + 999) / 1000));
        try {
            if (check.isBuiltin()) {
                String service = naming.serviceName(query.spec(), query.subject());
                return new CountPlan(defaultEndpoint, List.of(TraefikQueries.requests(service, w),
                        TraefikQueries.failures(service, w), TraefikQueries.buckets(service, w)),
                        MetricCheck.REQUEST_DURATION.equals(check.name()) || check.sequential() != null
                                && check.sequential().latencyBound() != null, null);
            }
            ObjectRef ref = check.templateRef();
            if (ref == null) {
                return CountPlan.failed("Prometheus reports counts for the builtin checks ("
                        + MetricCheck.REQUEST_SUCCESS_RATE + ", " + MetricCheck.REQUEST_DURATION + ") and for "
                        + "templates with count queries only, not for '" + check.name() + "'");
            }
            String key = key(query, ref);
            MetricTemplate template = registered(key);
            MetricTemplate.Counts counts = template.counts();
            if (counts == null) {
                return CountPlan.failed("metric template " + key + " of check '" + check.name() + "' names no count "
                        + "queries (annotations sequential.canary.dev/requests and sequential.canary.dev/failures)");
            }
            Map<String, String> model = new HashMap<>(model(query));
            model.put("window", PromQl.duration(w));
            List<String> rendered = counts.queries().stream()
                    .map(q -> TemplateRenderer.render(q, model, check.templateVariables())).toList();
            return new CountPlan(templateEndpoints.getOrDefault(key, defaultEndpoint), rendered,
                    counts.buckets() != null, null);
        } catch (IllegalArgumentException e) {
            return CountPlan.failed("cannot build the count queries of check '" + check.name() + "': "
                    + e.getMessage());
        }
    }

    private static String key(MetricQuery query, ObjectRef ref) {
        return (ref.namespace() != null ? ref.namespace() : query.spec().namespace()) + "/" + ref.name();
    }

    private MetricTemplate registered(String key) {
        MetricTemplate template = templates.get(key);
        if (template == null) {
            throw new IllegalArgumentException("metric template " + key + " is not registered (register it with "
                    + "PrometheusMetricsProvider.builder().template(...)); registered: "
                    + new TreeMap<>(templates).keySet());
        }
        return template;
    }

    private static String render(String text, MetricQuery query) {
        return TemplateRenderer.render(text, model(query), query.check().templateVariables());
    }

    /**
     * The template variables of {@code query}. For the primary (count queries only), {@code target} and
     * {@code service} name the primary: {@code <target>-primary} and {@code <service>-primary}.
     */
    private static Map<String, String> model(MetricQuery query) {
        CanarySpec spec = query.spec();
        String suffix = query.subject() == MetricQuery.Subject.PRIMARY ? "-primary" : "";
        return Map.of(
                "name", PromQl.kubernetesName("name", spec.name()),
                "namespace", PromQl.kubernetesName("namespace", spec.namespace()),
                "target", PromQl.kubernetesName("targetRef.name", spec.targetRef().name()) + suffix,
                "service", PromQl.kubernetesName("service.name", spec.service().name()) + suffix,
                "interval", PromQl.duration(query.check().interval()));
    }

    private static void requireCanary(MetricQuery query, String what) {
        if (query.subject() != MetricQuery.Subject.CANARY) {
            throw new IllegalArgumentException(what + " describe the canary; the subject " + query.subject()
                    + " is answered for builtin checks only (write a template that selects {{ target }}-primary)");
        }
    }
}
