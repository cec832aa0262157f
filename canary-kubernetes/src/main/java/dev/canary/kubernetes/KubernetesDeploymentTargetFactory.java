package dev.canary.kubernetes;

import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.ProviderConfig;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Creates {@link KubernetesDeploymentTarget}s by the name {@code kubernetes}, over the process-wide default
 * fabric8 client. Settings, all optional:
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code autoscalerRef} or {@code autoscalerRef.name}</td><td>none</td><td>the user's HPA, cloned for
 * the primary</td></tr>
 * <tr><td>{@code autoscalerRef.primaryScalerReplicas.minReplicas}, {@code .maxReplicas}</td><td>the HPA's</td>
 * <td>the primary HPA's bounds</td></tr>
 * <tr><td>{@code selectorLabels}</td><td>{@code app,name,app.kubernetes.io/name}</td><td>comma-separated</td></tr>
 * <tr><td>{@code conflictAttempts}</td><td>5</td><td>attempts of a write that meets 409</td></tr>
 * <tr><td>{@code targetRef.apiVersion}, {@code targetRef.kind}, {@code targetRef.name},
 * {@code autoscalerRef.apiVersion}, {@code autoscalerRef.kind}</td><td>none</td><td>from a manifest: checked
 * ({@code apps/v1} {@code Deployment}, an {@code autoscaling/*} {@code HorizontalPodAutoscaler}); the target
 * itself is the spec's {@code targetRef}</td></tr>
 * </table>
 *
 * <p>Unknown settings are errors. Stateless and thread-safe.
 */
public final class KubernetesDeploymentTargetFactory implements DeploymentTarget.Factory {

    @Override
    public String name() {
        return Names.PROVIDER;
    }

    /**
     * @throws IllegalArgumentException naming every unknown or invalid setting
     */
    @Override
    public DeploymentTarget create(ProviderConfig config) {
        return builder(config, DefaultClient.shared()).build();
    }

    /** The builder {@link #create} uses, over {@code client}. */
    static KubernetesDeploymentTarget.Builder builder(ProviderConfig config, KubernetesClient client) {
        return TargetSettings.builder(config, client);
    }
}
