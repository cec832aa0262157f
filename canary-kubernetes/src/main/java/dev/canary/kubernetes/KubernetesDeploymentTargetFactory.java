package dev.canary.kubernetes;

import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.ProviderConfig;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Creates {@link KubernetesDeploymentTarget}s by the name {@code kubernetes}, over the process-wide default
 * fabric8 client. Settings: {@code autoscalerRef} (HPA name, default none), {@code selectorLabels}
 * (comma-separated, default {@code app,name,app.kubernetes.io/name}), {@code conflictAttempts} (default 5).
 */
public final class KubernetesDeploymentTargetFactory implements DeploymentTarget.Factory {

    @Override
    public String name() {
        return Names.PROVIDER;
    }

    @Override
    public DeploymentTarget create(ProviderConfig config) {
        return builder(config, DefaultClient.shared()).build();
    }

    /** The builder {@link #create} uses, over {@code client}. */
    static KubernetesDeploymentTarget.Builder builder(ProviderConfig config, KubernetesClient client) {
        return KubernetesDeploymentTarget.builder(client)
                .autoscalerRef(config.get("autoscalerRef").filter(s -> !s.isBlank()).orElse(null))
                .selectorLabels(Settings.list(config, "selectorLabels",
                        KubernetesDeploymentTarget.DEFAULT_SELECTOR_LABELS))
                .conflictAttempts(Settings.positiveInt(config, "conflictAttempts",
                        KubernetesDeploymentTarget.DEFAULT_CONFLICT_ATTEMPTS));
    }
}
