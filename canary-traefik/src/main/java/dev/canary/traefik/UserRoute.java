package dev.canary.traefik;

import dev.canary.spec.CanarySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the A/B route copies from the user's route to the apex TraefikService, so that it catches the same
 * requests: entry points, the rule (such as {@code Host(`app.example.com`)}), TLS and middlewares.
 *
 * @param entryPoints entry points; empty means Traefik's default entry points
 * @param match       the user's rule; the A/B rule is {@code (match) && (headers and cookies)}
 * @param priority    the user's explicit priority, or 0 (Traefik then uses the rule's length)
 * @param tls         the user's {@code spec.tls}, copied verbatim, or null
 * @param middlewares the user's route middlewares, copied verbatim
 */
record UserRoute(List<String> entryPoints, String match, long priority, @Nullable Object tls,
        List<Object> middlewares) {

    UserRoute {
        entryPoints = List.copyOf(entryPoints);
        Objects.requireNonNull(match, "match == null");
        middlewares = List.copyOf(middlewares);
    }

    /** A route given in configuration. */
    static UserRoute of(List<String> entryPoints, String match) {
        return new UserRoute(entryPoints, match, 0, null, List.of());
    }

    /** The priority Traefik gives the user's route: the explicit one, else the rule's length. */
    long effectivePriority() {
        return priority > 0 ? priority : match.length();
    }

    /** The same route on other entry points. */
    UserRoute withEntryPoints(List<String> points) {
        return new UserRoute(points, match, priority, tls, middlewares);
    }

    /**
     * The route of {@code ingressRouteSpec} that sends traffic to the apex TraefikService of {@code spec}.
     *
     * @throws IllegalStateException when no route of the IngressRoute does
     */
    static UserRoute from(@Nullable Object ingressRouteSpec, CanarySpec spec) {
        for (Object route : Maps.list(Maps.child(ingressRouteSpec, "routes"))) {
            String match = Maps.string(route, "match");
            if (match != null && !match.isBlank() && pointsAtApex(route, spec)) {
                List<String> points = new ArrayList<>();
                Maps.list(Maps.child(ingressRouteSpec, "entryPoints")).forEach(p -> points.add(p.toString()));
                Object priority = Maps.child(route, "priority");
                long explicit = priority instanceof Number n ? n.longValue() : 0;
                List<Object> middlewares = new ArrayList<>(Maps.list(Maps.child(route, "middlewares")));
                return new UserRoute(points, match, explicit, Maps.child(ingressRouteSpec, "tls"), middlewares);
            }
        }
        throw new IllegalStateException("none of its routes sends traffic to TraefikService "
                + spec.service().name() + " (a route with a match and services: [{name: " + spec.service().name()
                + ", kind: TraefikService}])");
    }

    private static boolean pointsAtApex(Object route, CanarySpec spec) {
        for (Object service : Maps.list(Maps.child(route, "services"))) {
            String namespace = Maps.string(service, "namespace");
            if ("TraefikService".equals(Maps.string(service, "kind"))
                    && spec.service().name().equals(Maps.string(service, "name"))
                    && (namespace == null || namespace.equals(spec.namespace()))) {
                return true;
            }
        }
        return false;
    }
}
