package dev.canary.kubernetes;

import dev.canary.spi.ProviderConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The settings of the {@code kubernetes} deployment target factory: its own ({@code autoscalerRef},
 * {@code selectorLabels}, {@code conflictAttempts}) and those a Flagger manifest gives ({@code targetRef.*},
 * {@code autoscalerRef.*}, see {@code dev.canary.manifest.ProviderSelection}). Every problem is reported at once.
 */
final class TargetSettings {
    static final String SCALER_REPLICAS = "autoscalerRef.primaryScalerReplicas.";
    static final Set<String> KEYS = Set.of("autoscalerRef", "selectorLabels", "conflictAttempts",
            "targetRef.apiVersion", "targetRef.kind", "targetRef.name", "autoscalerRef.apiVersion",
            "autoscalerRef.kind", "autoscalerRef.name", SCALER_REPLICAS + "minReplicas",
            SCALER_REPLICAS + "maxReplicas");

    private final ProviderConfig config;
    private final List<String> problems = new ArrayList<>();

    private TargetSettings(ProviderConfig config) {
        this.config = config;
    }

    /**
     * A builder over {@code client} with the settings applied.
     *
     * @throws IllegalArgumentException naming every unknown or invalid setting
     */
    static KubernetesDeploymentTarget.Builder builder(ProviderConfig config, KubernetesClient client) {
        return new TargetSettings(config).apply(KubernetesDeploymentTarget.builder(client));
    }

    private KubernetesDeploymentTarget.Builder apply(KubernetesDeploymentTarget.Builder builder) {
        config.settings().keySet().stream().filter(k -> !KEYS.contains(k)).sorted().forEach(k -> problems.add(
                "unknown setting '" + k + "'; known settings: " + new TreeSet<>(KEYS)));
        expect("targetRef.kind", "Deployment", "the kubernetes target releases Deployments only");
        expect("targetRef.apiVersion", "apps/v1", "Deployments are apps/v1");
        expect("autoscalerRef.kind", "HorizontalPodAutoscaler", "the primary's autoscaler is cloned from an HPA");
        String apiVersion = config.get("autoscalerRef.apiVersion").orElse("autoscaling/v2");
        if (!apiVersion.startsWith("autoscaling/")) {
            problems.add("autoscalerRef.apiVersion must be an autoscaling version (the HPA is read as "
                    + "autoscaling/v2) but was '" + apiVersion + "'");
        }
        String autoscaler = autoscaler();
        Integer min = replicas("minReplicas");
        Integer max = replicas("maxReplicas");
        if (autoscaler == null && (min != null || max != null)) {
            problems.add(SCALER_REPLICAS + "* need an autoscaler: set autoscalerRef.name");
        }
        guard(() -> builder.autoscalerRef(autoscaler));
        guard(() -> builder.primaryScalerReplicas(min, max));
        guard(() -> builder.selectorLabels(Settings.list(config, "selectorLabels",
                KubernetesDeploymentTarget.DEFAULT_SELECTOR_LABELS)));
        guard(() -> builder.conflictAttempts(Settings.positiveInt(config, "conflictAttempts",
                KubernetesDeploymentTarget.DEFAULT_CONFLICT_ATTEMPTS)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid kubernetes target settings: " + String.join("; ", problems));
        }
        return builder;
    }

    /** {@code autoscalerRef} (this library's key) or {@code autoscalerRef.name} (a manifest's); both must agree. */
    private @Nullable String autoscaler() {
        String plain = config.get("autoscalerRef").filter(s -> !s.isBlank()).orElse(null);
        String name = config.get("autoscalerRef.name").filter(s -> !s.isBlank()).orElse(null);
        if (plain != null && name != null && !plain.equals(name)) {
            problems.add("autoscalerRef '" + plain + "' and autoscalerRef.name '" + name + "' name different "
                    + "autoscalers; set one of them");
        }
        return name != null ? name : plain;
    }

    private @Nullable Integer replicas(String field) {
        String key = SCALER_REPLICAS + field;
        try {
            return config.get(key).isPresent() ? Settings.positiveInt(config, key, 1) : null;
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private void expect(String key, String expected, String why) {
        config.get(key).filter(v -> !v.equals(expected)).ifPresent(v -> problems.add(key + " must be '" + expected
                + "' (" + why + ") but was '" + v + "'"));
    }

    private void guard(Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }
}
