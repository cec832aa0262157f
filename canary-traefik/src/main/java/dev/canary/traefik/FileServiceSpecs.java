package dev.canary.traefik;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The file provider's {@code http.services.<service>} entry for a split, and the split read back from one.
 * Children are {@code <service>-primary} and {@code <service>-canary}, optionally qualified with a provider
 * ({@code @docker}) when they are defined elsewhere.
 */
final class FileServiceSpecs {
    private final @Nullable String servicesProvider;

    FileServiceSpecs(@Nullable String servicesProvider) {
        this.servicesProvider = servicesProvider;
    }

    String primary(CanarySpec spec) {
        return qualified(spec.service().primaryName());
    }

    String canary(CanarySpec spec) {
        return qualified(spec.service().canaryName());
    }

    private String qualified(String name) {
        return servicesProvider == null ? name : name + "@" + servicesProvider;
    }

    /**
     * The entry for {@code routes}: {@code weighted} (primary always, canary above 0) or {@code mirroring}.
     *
     * @throws IllegalArgumentException for mirroring with traffic on the canary (not supported)
     */
    Map<String, Object> entry(CanarySpec spec, Routes routes) {
        if (routes.mirrored()) {
            if (routes.canary() > 0) {
                throw new IllegalArgumentException("mirroring sends every request to the primary; cannot mirror "
                        + "with " + routes + " (set the canary weight to 0 while mirroring)");
            }
            Map<String, Object> mirroring = new LinkedHashMap<>();
            mirroring.put("service", primary(spec));
            mirroring.put("mirrors", List.of(child(canary(spec), "percent",
                    RouteWeights.mirrorPercent(spec.analysis().mirrorWeight()))));
            return Map.of("mirroring", mirroring);
        }
        List<Object> services = new ArrayList<>();
        services.add(child(primary(spec), "weight", routes.primary()));
        if (routes.canary() > 0) {
            services.add(child(canary(spec), "weight", routes.canary()));
        }
        return Map.of("weighted", Map.of("services", services));
    }

    private static Map<String, Object> child(String name, String amountKey, int amount) {
        Map<String, Object> child = new LinkedHashMap<>();
        child.put("name", name);
        child.put(amountKey, amount);
        return child;
    }

    /**
     * The split an entry expresses.
     *
     * @throws IllegalStateException saying why the entry cannot be read as a primary/canary split
     */
    Routes routes(CanarySpec spec, Object entry) {
        Object mirroring = Maps.child(entry, "mirroring");
        if (mirroring != null) {
            if (!primary(spec).equals(Maps.string(mirroring, "service"))) {
                throw new IllegalStateException("mirroring.service is " + Maps.string(mirroring, "service")
                        + ", not " + primary(spec));
            }
            boolean toCanary = Maps.list(Maps.child(mirroring, "mirrors")).stream()
                    .anyMatch(m -> canary(spec).equals(Maps.string(m, "name")));
            return toCanary ? Routes.mirroredToCanary() : Routes.PRIMARY_ONLY;
        }
        Object weighted = Maps.child(entry, "weighted");
        if (weighted == null) {
            throw new IllegalStateException("it has neither weighted nor mirroring");
        }
        Integer primary = null;
        Integer canary = null;
        for (Object child : Maps.list(Maps.child(weighted, "services"))) {
            String name = Maps.string(child, "name");
            if (primary(spec).equals(name)) {
                primary = RouteWeights.weightOf(child);
            } else if (canary(spec).equals(name)) {
                canary = RouteWeights.weightOf(child);
            }
        }
        if (primary == null && canary == null) {
            throw new IllegalStateException("weighted.services lists neither " + primary(spec) + " nor "
                    + canary(spec));
        }
        return RouteWeights.of(primary == null ? 0 : primary, canary == null ? 0 : canary)
                .orElseThrow(() -> new IllegalStateException("every weight in weighted.services is 0"));
    }
}
