package dev.canary.traefik;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code spec} of the TraefikService for a split, and the split read back from one. Weighted:
 * {@code <service>-primary} always with an explicit weight, {@code <service>-canary} only above 0. Mirroring:
 * the primary Kubernetes Service gets every request and the canary a copy of {@code mirrorWeight} percent.
 */
final class TraefikServiceSpecs {
    private TraefikServiceSpecs() {
    }

    /**
     * The TraefikService spec for {@code routes}.
     *
     * @throws IllegalArgumentException for mirroring with traffic on the canary (not supported)
     */
    static Map<String, Object> spec(CanarySpec spec, Routes routes) {
        if (routes.mirrored()) {
            return Map.of("mirroring", mirroring(spec, routes));
        }
        List<Object> services = new ArrayList<>();
        services.add(entry(spec, spec.service().primaryName(), "weight", routes.primary()));
        if (routes.canary() > 0) {
            services.add(entry(spec, spec.service().canaryName(), "weight", routes.canary()));
        }
        return Map.of("weighted", Map.of("services", services));
    }

    private static Map<String, Object> mirroring(CanarySpec spec, Routes routes) {
        if (routes.canary() > 0) {
            throw new IllegalArgumentException("mirroring sends every request to the primary; cannot mirror with "
                    + routes + " (set the canary weight to 0 while mirroring)");
        }
        int percent = RouteWeights.mirrorPercent(spec.analysis().mirrorWeight());
        Map<String, Object> mirroring = new LinkedHashMap<>();
        mirroring.put("kind", "Service");
        mirroring.put("name", spec.service().primaryName());
        mirroring.put("namespace", spec.namespace());
        mirroring.put("port", spec.service().port());
        mirroring.put("mirrors", List.of(entry(spec, spec.service().canaryName(), "percent", percent)));
        return mirroring;
    }

    private static Map<String, Object> entry(CanarySpec spec, String name, String amountKey, int amount) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("namespace", spec.namespace());
        entry.put("port", spec.service().port());
        entry.put(amountKey, amount);
        return entry;
    }

    /**
     * The split a TraefikService spec expresses.
     *
     * @throws IllegalStateException saying why the spec cannot be read as a primary/canary split
     */
    static Routes routes(CanarySpec spec, @Nullable Object tsSpec) {
        Object mirroring = Maps.child(tsSpec, "mirroring");
        if (mirroring != null) {
            return mirrored(spec, mirroring);
        }
        Object weighted = Maps.child(tsSpec, "weighted");
        if (weighted == null) {
            throw new IllegalStateException("it has neither spec.weighted nor spec.mirroring");
        }
        Integer primary = null;
        Integer canary = null;
        for (Object entry : Maps.list(Maps.child(weighted, "services"))) {
            String name = Maps.string(entry, "name");
            if (spec.service().primaryName().equals(name)) {
                primary = RouteWeights.weightOf(entry);
            } else if (spec.service().canaryName().equals(name)) {
                canary = RouteWeights.weightOf(entry);
            }
        }
        if (primary == null && canary == null) {
            throw new IllegalStateException("spec.weighted.services lists neither " + spec.service().primaryName()
                    + " nor " + spec.service().canaryName());
        }
        return RouteWeights.of(primary == null ? 0 : primary, canary == null ? 0 : canary).orElseThrow(
                () -> new IllegalStateException("every weight in spec.weighted.services is 0"));
    }

    private static Routes mirrored(CanarySpec spec, Object mirroring) {
        String main = Maps.string(mirroring, "name");
        if (!spec.service().primaryName().equals(main)) {
            throw new IllegalStateException("spec.mirroring.name is " + main + ", not "
                    + spec.service().primaryName());
        }
        boolean toCanary = Maps.list(Maps.child(mirroring, "mirrors")).stream()
                .anyMatch(m -> spec.service().canaryName().equals(Maps.string(m, "name")));
        return toCanary ? Routes.mirroredToCanary() : Routes.PRIMARY_ONLY;
    }
}
