package dev.canary.traefik;

import dev.canary.spi.ProviderConfig;
import dev.canary.spi.TrafficRouter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Creates {@link TraefikFileRouter}s by the name {@code traefik-file}. Settings: {@code file} (required, the
 * dynamic-configuration YAML file Traefik watches) and {@code servicesProvider} (optional, the provider that
 * defines the primary and canary services when not the file provider, such as {@code docker}). Its priority
 * is -1, so that {@code traefik} is chosen when no name is given. Thread-safe.
 */
public final class TraefikFileRouterFactory implements TrafficRouter.Factory {

    @Override
    public String name() {
        return TraefikFileRouter.PROVIDER;
    }

    @Override
    public int priority() {
        return -1;
    }

    /**
     * @throws IllegalArgumentException when {@code file} is missing or not a path
     */
    @Override
    public TrafficRouter create(ProviderConfig config) {
        String file = config.get("file").filter(f -> !f.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "the traefik-file router needs the setting file: the dynamic-configuration YAML file Traefik "
                        + "watches (providers.file.directory or providers.file.filename)"));
        TraefikFileRouter.Builder builder;
        try {
            builder = TraefikFileRouter.builder(Path.of(file));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("file must be a path but was '" + file + "': " + e.getMessage(), e);
        }
        config.get("servicesProvider").filter(p -> !p.isBlank()).ifPresent(builder::servicesProvider);
        return builder.build();
    }
}
