package dev.canary.traefik;

import dev.canary.ProviderException;
import dev.canary.spec.CanarySpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Manages the A/B IngressRoute {@code <service>-canary-ab}: present while matching requests go to the canary,
 * absent otherwise. The user's route to copy comes from the {@code match} setting or from the IngressRoute
 * named by the {@code ingressRoute} setting.
 */
final class AbRouting {
    private final CrdObjects ingressRoutes;
    private final RuleSyntax syntax;
    private final @Nullable String userIngressRoute;
    private final @Nullable String match;
    private final List<String> entryPoints;
    private final @Nullable Long priority;

    AbRouting(CrdObjects ingressRoutes, RuleSyntax syntax, @Nullable String userIngressRoute, @Nullable String match,
            List<String> entryPoints, @Nullable Long priority) {
        this.ingressRoutes = ingressRoutes;
        this.syntax = syntax;
        this.userIngressRoute = userIngressRoute;
        this.match = match;
        this.entryPoints = List.copyOf(entryPoints);
        this.priority = priority;
    }

    /** Whether {@code spec} routes by header or cookie. */
    static boolean applies(CanarySpec spec) {
        return !MatchRules.isEmpty(spec.analysis().match());
    }

    /** Whether the A/B route exists, that is, whether matching requests go to the canary. */
    boolean active(CanarySpec spec) {
        return ingressRoutes.get(spec.namespace(), AbRoutes.name(spec)).isPresent();
    }

    /** Creates the A/B route, or repairs it. */
    void enable(CanarySpec spec) {
        String name = AbRoutes.name(spec);
        var wanted = AbRoutes.spec(spec, userRoute(spec), syntax, priority);
        ingressRoutes.apply(spec.namespace(), name, live -> ingressRoutes.withSpec(live, spec.namespace(), name,
                wanted));
    }

    /** Removes the A/B route if present. */
    void disable(CanarySpec spec) {
        ingressRoutes.delete(spec.namespace(), AbRoutes.name(spec));
    }

    /**
     * Checks that an A/B spec can be served, repairs an existing A/B route, and removes one a spec without
     * match rules left behind.
     */
    void reconcile(CanarySpec spec) {
        if (!applies(spec)) {
            removeLeftover(spec);
            return;
        }
        userRoute(spec);
        if (active(spec)) {
            enable(spec);
        }
    }

    private void removeLeftover(CanarySpec spec) {
        try {
            if (active(spec)) {
                disable(spec);
            }
        } catch (ProviderException e) {
            // Without access to IngressRoutes this router cannot have written an A/B route: weighted and
            // mirrored runs need only the TraefikService.
            if (e.status() != HttpURLConnection.HTTP_FORBIDDEN) {
                throw e;
            }
        }
    }

    /** The user's route to narrow down, from the settings. */
    UserRoute userRoute(CanarySpec spec) {
        if (match != null) {
            return UserRoute.of(entryPoints, match);
        }
        if (userIngressRoute == null) {
            throw new ProviderException(TraefikRouter.PROVIDER, "A/B routing of " + spec.key() + " needs the "
                    + "user's route to copy: set `ingressRoute` (the IngressRoute that sends traffic to "
                    + "TraefikService " + spec.service().name() + ") or `match` (its rule, such as "
                    + "Host(`app.example.com`)) in the traefik router settings");
        }
        Optional<GenericKubernetesResource> live = ingressRoutes.get(spec.namespace(), userIngressRoute);
        String described = ingressRoutes.describe(spec.namespace(), userIngressRoute);
        if (live.isEmpty()) {
            throw new ProviderException(TraefikRouter.PROVIDER, described + ", named by the ingressRoute setting,"
                    + " does not exist; A/B routing copies its entry points and rule");
        }
        try {
            UserRoute route = UserRoute.from(live.get().getAdditionalProperties().get("spec"), spec);
            return entryPoints.isEmpty() ? route : route.withEntryPoints(entryPoints);
        } catch (IllegalStateException e) {
            throw new ProviderException(TraefikRouter.PROVIDER, described + " cannot be copied for A/B routing: "
                    + e.getMessage());
        }
    }
}
