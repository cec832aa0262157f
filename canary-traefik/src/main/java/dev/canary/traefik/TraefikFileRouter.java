package dev.canary.traefik;

import dev.canary.ProviderException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import dev.canary.spi.RouterCapability;
import dev.canary.spi.TrafficRouter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Routes through Traefik's file provider, for Traefik outside Kubernetes: writes
 * {@code http.services.<service>} ({@code weighted} over {@code <service>-primary} and {@code <service>-canary},
 * or {@code mirroring}) into a dynamic-configuration YAML file that Traefik watches. Everything else in the
 * file (routers, other services, middlewares, TLS) is kept; comments are not. The file is replaced
 * atomically and read back on every call. Mirroring is supported; header and cookie routing are not (use
 * {@link TraefikRouter}).
 *
 * <pre>{@code
 * TrafficRouter router = TraefikFileRouter.builder(Path.of("/etc/traefik/dynamic/canary.yml")).build();
 * }</pre>
 *
 * <p>Thread-safe within one process; use one file per writer process.
 */
public final class TraefikFileRouter implements TrafficRouter {
    /** The provider name in errors, and the factory name. */
    public static final String PROVIDER = "traefik-file";

    private final DynamicConfigFile file;
    private final FileServiceSpecs specs;

    TraefikFileRouter(DynamicConfigFile file, @Nullable String servicesProvider) {
        this.file = file;
        this.specs = new FileServiceSpecs(servicesProvider);
    }

    /** A builder writing {@code file}. */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    @Override
    public synchronized void reconcile(CanarySpec spec) {
        update(spec, live -> {
            Routes current = live == null ? Routes.PRIMARY_ONLY : readable(spec, live);
            return specs.entry(spec, current);
        });
    }

    @Override
    public synchronized Routes routes(CanarySpec spec) {
        requireSupported(spec);
        Object entry = services(read().orElseGet(LinkedHashMap::new)).get(spec.service().name());
        if (entry == null) {
            throw new ProviderException(PROVIDER, file.path() + " has no http.services." + spec.service().name()
                    + "; reconcile creates it");
        }
        try {
            return specs.routes(spec, entry);
        } catch (IllegalStateException e) {
            throw new ProviderException(PROVIDER, "cannot read the split from http.services."
                    + spec.service().name() + " in " + file.path() + ": " + e.getMessage() + "; reconcile repairs it");
        }
    }

    @Override
    public synchronized void setRoutes(CanarySpec spec, Routes routes) {
        Map<String, Object> wanted = specs.entry(spec, routes);
        update(spec, live -> wanted);
    }

    /** Mirroring only: the file provider cannot route by header or cookie here. */
    @Override
    public Set<RouterCapability> capabilities() {
        return TraefikCapabilities.FILE;
    }

    private void update(CanarySpec spec, UnaryOperator<@Nullable Object> change) {
        requireSupported(spec);
        Map<String, Object> content = read().orElseGet(LinkedHashMap::new);
        Map<String, Object> services = services(content);
        Object live = services.get(spec.service().name());
        Object wanted = change.apply(live);
        if (Objects.equals(live, wanted)) {
            return;
        }
        services.put(spec.service().name(), wanted);
        try {
            file.write(content);
        } catch (IOException e) {
            throw new ProviderException(PROVIDER, "cannot write " + file.path() + " (the old file is unchanged): "
                    + e, e);
        }
    }

    private Routes readable(CanarySpec spec, Object live) {
        try {
            return specs.routes(spec, live);
        } catch (IllegalStateException e) {
            return Routes.PRIMARY_ONLY;
        }
    }

    private Optional<Map<String, Object>> read() {
        try {
            return file.read();
        } catch (IOException e) {
            throw new ProviderException(PROVIDER, "cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** {@code content.http.services}, created when missing. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> services(Map<String, Object> content) {
        Object http = content.computeIfAbsent("http", k -> new LinkedHashMap<String, Object>());
        Object services = http instanceof Map<?, ?> map
                ? ((Map<String, Object>) map).computeIfAbsent("services", k -> new LinkedHashMap<String, Object>())
                : null;
        if (!(services instanceof Map<?, ?>)) {
            throw new ProviderException(PROVIDER, file.path() + ": http.services is not a mapping");
        }
        return (Map<String, Object>) services;
    }

    /** What the spec asks that file mode cannot do, naming the mode that can. */
    @Override
    public List<String> problems(CanarySpec spec) {
        return TraefikCapabilities.problems(spec, capabilities(), PROVIDER);
    }

    private void requireSupported(CanarySpec spec) {
        List<String> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new ProviderException(PROVIDER, spec.key() + ": " + String.join("; ", problems));
        }
    }

    @Override
    public String toString() {
        return "TraefikFileRouter[" + file.path() + "]";
    }

    /** Settings of a {@link TraefikFileRouter}. Not thread-safe. */
    public static final class Builder {
        private final Path file;
        private @Nullable String servicesProvider;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file == null");
        }

        /**
         * The provider defining {@code <service>-primary} and {@code <service>-canary} when not this file, such as
         * {@code docker}: the children are then written {@code <service>-primary@docker}. Default: none (same file
         * provider).
         */
        public Builder servicesProvider(String provider) {
            this.servicesProvider = Objects.requireNonNull(provider, "provider == null");
            return this;
        }

        public TraefikFileRouter build() {
            return new TraefikFileRouter(new DynamicConfigFile(file), servicesProvider);
        }
    }
}
