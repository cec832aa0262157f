package dev.canary.traefik;

import dev.canary.spec.CanarySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The spec of the IngressRoute that sends requests matching the A/B rules to {@code <service>-canary}: the
 * user's route narrowed by the headers and cookies, at a higher priority than the user's route.
 */
final class AbRoutes {
    /** Suffix of the A/B IngressRoute's name after the apex service name. */
    static final String NAME_SUFFIX = "-canary-ab";

    private AbRoutes() {
    }

    /** {@code <service>-canary-ab}. */
    static String name(CanarySpec spec) {
        return spec.service().name() + NAME_SUFFIX;
    }

    /**
     * The IngressRoute spec.
     *
     * @param priority the priority to use, or null for one above the user's route (and at least the rule's
     *                 length, Traefik's default)
     */
    static Map<String, Object> spec(CanarySpec spec, UserRoute user, RuleSyntax syntax, @Nullable Long priority) {
        String rule = "(" + user.match() + ") && (" + MatchRules.render(spec.analysis().match(), syntax) + ")";
        long routePriority = priority != null ? priority : Math.max(user.effectivePriority() + 1, rule.length());

        Map<String, Object> canary = new LinkedHashMap<>();
        canary.put("name", spec.service().canaryName());
        canary.put("namespace", spec.namespace());
        canary.put("port", spec.service().port());

        Map<String, Object> route = new LinkedHashMap<>();
        route.put("kind", "Rule");
        route.put("match", rule);
        route.put("priority", routePriority);
        if (!user.middlewares().isEmpty()) {
            route.put("middlewares", user.middlewares());
        }
        route.put("services", List.of(canary));

        Map<String, Object> ingressRoute = new LinkedHashMap<>();
        if (!user.entryPoints().isEmpty()) {
            ingressRoute.put("entryPoints", user.entryPoints());
        }
        ingressRoute.put("routes", List.of(route));
        if (user.tls() != null) {
            ingressRoute.put("tls", user.tls());
        }
        return ingressRoute;
    }
}
