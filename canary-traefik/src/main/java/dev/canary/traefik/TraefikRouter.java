package dev.canary.traefik;

import dev.canary.ProviderException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import dev.canary.spi.RouterCapability;
import dev.canary.spi.TrafficRouter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Routes through Traefik's Kubernetes CRDs. A {@code TraefikService} named after the apex service, in the
 * canary's namespace, splits traffic between {@code <service>-primary} and {@code <service>-canary}
 * ({@code spec.weighted}) or mirrors the primary's traffic to the canary ({@code spec.mirroring}); the user's
 * IngressRoute points at it. For A/B rules an IngressRoute {@code <service>-canary-ab} sends matching requests
 * to the canary while the canary weight is above 0.
 *
 * <p>Weights are read back from the cluster on every call. Writes carry the {@code resourceVersion} read and
 * are retried on conflicts (409) up to {@link #DEFAULT_MAX_ATTEMPTS} times; other API errors are
 * {@link ProviderException}s naming the object. No CRD discovery is needed.
 *
 * <pre>{@code
 * TrafficRouter router = TraefikRouter.builder(kubernetesClient).ingressRoute("podinfo").build();
 * }</pre>
 *
 * <p>Thread-safe: the router holds only settings and the (thread-safe) client; concurrent writers are
 * resolved by optimistic locking.
 */
public final class TraefikRouter implements TrafficRouter {
    /** The provider name in errors, and the factory name. */
    public static final String PROVIDER = "traefik";
    /** How often a write is tried when other writers keep changing the object. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final boolean closeClient;
    private final CrdObjects traefikServices;
    private final AbRouting abRouting;

    private TraefikRouter(Builder b) {
        this.client = b.client;
        this.closeClient = b.closeClient;
        this.traefikServices = new CrdObjects(client, b.apiGroup, "TraefikService", "traefikservices", PROVIDER,
                b.maxAttempts);
        CrdObjects ingressRoutes = new CrdObjects(client, b.apiGroup, "IngressRoute", "ingressroutes", PROVIDER,
                b.maxAttempts);
        RuleSyntax syntax = b.ruleSyntax != null ? b.ruleSyntax : b.apiGroup.defaultSyntax();
        this.abRouting = new AbRouting(ingressRoutes, syntax, b.ingressRoute, b.match, b.entryPoints, b.priority);
    }

    /** A builder over {@code client}, which the router does not close unless {@link Builder#closeClient}. */
    public static Builder builder(KubernetesClient client) {
        return new Builder(client);
    }

    @Override
    public void reconcile(CanarySpec spec) {
        String ns = spec.namespace();
        String name = spec.service().name();
        traefikServices.apply(ns, name, live -> {
            Routes current = live.map(l -> readableRoutes(spec, l)).orElse(Routes.PRIMARY_ONLY);
            return traefikServices.withSpec(live, ns, name, TraefikServiceSpecs.spec(spec, current));
        });
        abRouting.reconcile(spec);
    }

    @Override
    public Routes routes(CanarySpec spec) {
        GenericKubernetesResource live = traefikServices.get(spec.namespace(), spec.service().name())
                .orElseThrow(() -> new ProviderException(PROVIDER, describe(spec)
                        + " does not exist; reconcile creates it"));
        if (AbRouting.applies(spec) && abRouting.active(spec)) {
            return Routes.canary(100);
        }
        try {
            return TraefikServiceSpecs.routes(spec, live.getAdditionalProperties().get("spec"));
        } catch (IllegalStateException e) {
            throw new ProviderException(PROVIDER, "cannot read the split from " + describe(spec) + ": "
                    + e.getMessage() + "; reconcile repairs it");
        }
    }

    @Override
    public void setRoutes(CanarySpec spec, Routes routes) {
        if (!AbRouting.applies(spec)) {
            writeTraefikService(spec, routes);
            return;
        }
        writeTraefikService(spec, Routes.PRIMARY_ONLY);
        if (routes.canary() > 0) {
            abRouting.enable(spec);
        } else {
            abRouting.disable(spec);
        }
    }

    private void writeTraefikService(CanarySpec spec, Routes routes) {
        var wanted = TraefikServiceSpecs.spec(spec, routes);
        String ns = spec.namespace();
        String name = spec.service().name();
        traefikServices.apply(ns, name, live -> traefikServices.withSpec(live, ns, name, wanted));
    }

    /** The split of a live object, or all on the primary when it cannot be read (reconcile then repairs it). */
    private static Routes readableRoutes(CanarySpec spec, GenericKubernetesResource live) {
        try {
            return TraefikServiceSpecs.routes(spec, live.getAdditionalProperties().get("spec"));
        } catch (IllegalStateException e) {
            return Routes.PRIMARY_ONLY;
        }
    }

    private String describe(CanarySpec spec) {
        return traefikServices.describe(spec.namespace(), spec.service().name());
    }

    /** Mirroring, header and cookie routing. */
    @Override
    public Set<RouterCapability> capabilities() {
        return TraefikCapabilities.CRD;
    }

    /** Closes the client if the router was told to. */
    @Override
    public void close() {
        if (closeClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "TraefikRouter[" + traefikServices.apiVersion() + "]";
    }

    /** Settings of a {@link TraefikRouter}; every one is optional. Not thread-safe. */
    public static final class Builder {
        private final KubernetesClient client;
        private boolean closeClient;
        private TraefikApiGroup apiGroup = TraefikApiGroup.TRAEFIK_IO;
        private @Nullable RuleSyntax ruleSyntax;
        private @Nullable String ingressRoute;
        private @Nullable String match;
        private List<String> entryPoints = List.of();
        private @Nullable Long priority;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

        private Builder(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client == null");
        }

        /** The CRDs' API group; default {@link TraefikApiGroup#TRAEFIK_IO}. */
        public Builder apiGroup(TraefikApiGroup apiGroup) {
            this.apiGroup = Objects.requireNonNull(apiGroup, "apiGroup == null");
            return this;
        }

        /** The A/B rule syntax; default {@link TraefikApiGroup#defaultSyntax()} of the API group. */
        public Builder ruleSyntax(RuleSyntax ruleSyntax) {
            this.ruleSyntax = Objects.requireNonNull(ruleSyntax, "ruleSyntax == null");
            return this;
        }

        /** For A/B: the user's IngressRoute (in the canary's namespace) whose entry points and rule to copy. */
        public Builder ingressRoute(String name) {
            this.ingressRoute = Objects.requireNonNull(name, "name == null");
            return this;
        }

        /** For A/B: the user's rule, such as {@code Host(`app.example.com`)}; wins over {@link #ingressRoute}. */
        public Builder match(String rule) {
            this.match = Objects.requireNonNull(rule, "rule == null");
            return this;
        }

        /** For A/B: the entry points of the A/B route; default those of the user's IngressRoute. */
        public Builder entryPoints(List<String> entryPoints) {
            this.entryPoints = List.copyOf(entryPoints);
            return this;
        }

        /** For A/B: the A/B route's priority; default one above the user's route. */
        public Builder priority(long priority) {
            this.priority = priority;
            return this;
        }

        /** Attempts per write under conflicts; default {@value TraefikRouter#DEFAULT_MAX_ATTEMPTS}. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Whether {@link TraefikRouter#close()} closes the client; default false (the caller owns it). */
        public Builder closeClient(boolean closeClient) {
            this.closeClient = closeClient;
            return this;
        }

        public TraefikRouter build() {
            return new TraefikRouter(this);
        }
    }
}
