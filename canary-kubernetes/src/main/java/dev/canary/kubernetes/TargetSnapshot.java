package dev.canary.kubernetes;

import dev.canary.ProviderException;
import dev.canary.spec.CanarySpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * The target Deployment, read with the configs its pod template references, and the revision they make.
 *
 * @param deployment the target Deployment
 * @param configs    the tracked ConfigMaps and Secrets
 * @param revision   their revision
 */
record TargetSnapshot(Deployment deployment, TrackedConfigs configs, String revision) {

    /**
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when a read fails
     * @throws ProviderException when the target or a required config does not exist
     */
    static TargetSnapshot read(KubernetesClient client, CanarySpec spec) {
        Deployment target = client.apps().deployments().inNamespace(spec.namespace())
                .withName(spec.targetRef().name()).get();
        if (target == null) {
            throw new ProviderException(Names.PROVIDER, "deployment " + spec.targetRef().name()
                    + " (targetRef of canary " + spec.key() + ") does not exist in namespace " + spec.namespace());
        }
        return of(client, target);
    }

    static TargetSnapshot of(KubernetesClient client, Deployment target) {
        TrackedConfigs configs = TrackedConfigs.read(client, target.getMetadata().getNamespace(),
                target.getMetadata().getName(), target.getSpec().getTemplate().getSpec());
        return new TargetSnapshot(target, configs,
                Revisions.of(client.getKubernetesSerialization(), target.getSpec().getTemplate(), configs));
    }

    SelectorLabel label(List<String> candidates) {
        return SelectorLabel.of(deployment, candidates);
    }

    String name() {
        return deployment.getMetadata().getName();
    }

    /** The target's declared replicas ({@code null} means 1, as in Kubernetes). */
    int replicas() {
        Integer replicas = deployment.getSpec().getReplicas();
        return replicas != null ? replicas : 1;
    }
}
