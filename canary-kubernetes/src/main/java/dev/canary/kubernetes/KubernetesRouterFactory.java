package dev.canary.kubernetes;

import dev.canary.spi.ProviderConfig;
import dev.canary.spi.TrafficRouter;
import java.util.TreeSet;

/**
 * Creates {@link KubernetesRouter}s by the name {@code kubernetes} (Flagger's {@code provider: kubernetes}). It
 * takes no settings. Its priority is {@value #PRIORITY}, below every router that moves traffic, so it is used
 * only when asked for by name or when no other router is on the class path. Stateless and thread-safe.
 */
public final class KubernetesRouterFactory implements TrafficRouter.Factory {
    /** Below {@code traefik} (0) and {@code traefik-file} (-1). */
    public static final int PRIORITY = -10;

    @Override
    public String name() {
        return Names.PROVIDER;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /**
     * @throws IllegalArgumentException when any setting is given
     */
    @Override
    public TrafficRouter create(ProviderConfig config) {
        if (!config.settings().isEmpty()) {
            throw new IllegalArgumentException("the kubernetes router takes no settings but was given "
                    + new TreeSet<>(config.settings().keySet()));
        }
        return new KubernetesRouter();
    }
}
