package dev.canary.cli;

import dev.canary.spi.ProviderConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --set KIND.KEY=VALUE} options of {@code canary run}, split by provider kind ({@code router},
 * {@code metrics}, {@code target}). Immutable.
 *
 * @param byKind the settings of each kind, keys without the kind prefix
 */
record ProviderSettings(Map<String, Map<String, String>> byKind) {
    static final Set<String> KINDS = Set.of("router", "metrics", "target");

    ProviderSettings {
        byKind = Map.copyOf(byKind);
    }

    /**
     * Parses {@code router.address=http://...} options.
     *
     * @throws IllegalArgumentException naming the option when it has no kind, no {@code =} or an unknown kind
     */
    static ProviderSettings parse(List<String> options) {
        Map<String, Map<String, String>> byKind = new LinkedHashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            int dot = option.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq || !KINDS.contains(option.substring(0, dot))) {
                throw new IllegalArgumentException("--set must be KIND.KEY=VALUE with KIND one of " + KINDS.stream()
                        .sorted().toList() + " but was '" + option.replaceAll("=.*", "=...") + "'");
            }
            byKind.computeIfAbsent(option.substring(0, dot), k -> new LinkedHashMap<>())
                    .put(option.substring(dot + 1, eq), option.substring(eq + 1));
        }
        return new ProviderSettings(byKind);
    }

    /** The settings of {@code kind} over {@code base} (the manifest's). */
    ProviderConfig config(String kind, Map<String, String> base) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(byKind.getOrDefault(kind, Map.of()));
        return ProviderConfig.of(merged);
    }

    boolean has(String kind) {
        return byKind.containsKey(kind);
    }
}
