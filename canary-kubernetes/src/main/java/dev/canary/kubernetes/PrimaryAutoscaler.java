package dev.canary.kubernetes;

import dev.canary.ProviderException;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerList;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.jspecify.annotations.Nullable;

/**
 * The primary's autoscaler ({@code autoscaling/v2}): {@code <hpa>-primary}, a copy of the user's HPA that
 * scales the primary Deployment, with {@code minReplicas} / {@code maxReplicas} replaced when given (Flagger's
 * {@code primaryScalerReplicas}). The user's HPA keeps scaling the target. Created at initialization,
 * refreshed on promotion, so HPA edits take effect after a successful release (as in Flagger).
 */
final class PrimaryAutoscaler {
    private final KubernetesClient client;
    private final int attempts;
    private final @Nullable Integer minReplicas;
    private final @Nullable Integer maxReplicas;

    /**
     * @param minReplicas the primary's {@code minReplicas} instead of the user's HPA's (Flagger's
     *                    {@code primaryScalerReplicas}); null keeps the user's
     * @param maxReplicas the primary's {@code maxReplicas} instead of the user's; null keeps the user's
     */
    PrimaryAutoscaler(KubernetesClient client, int attempts, @Nullable Integer minReplicas,
            @Nullable Integer maxReplicas) {
        this.client = client;
        this.attempts = attempts;
        this.minReplicas = minReplicas;
        this.maxReplicas = maxReplicas;
    }

    /**
     * Creates the primary HPA when missing; with {@code refresh}, also copies the user's spec into an existing one.
     *
     * @throws ProviderException when the user's HPA does not exist
     */
    void ensure(String namespace, String hpaName, String primaryDeployment, boolean refresh) {
        HorizontalPodAutoscaler user = KubeCalls.call("read horizontalpodautoscaler " + hpaName,
                () -> hpas().inNamespace(namespace).withName(hpaName).get());
        if (user == null) {
            throw new ProviderException(Names.PROVIDER, "horizontalpodautoscaler " + hpaName
                    + " named by autoscalerRef does not exist in namespace " + namespace);
        }
        HorizontalPodAutoscalerSpecBuilder spec = new HorizontalPodAutoscalerSpecBuilder(user.getSpec())
                .editScaleTargetRef().withName(primaryDeployment).endScaleTargetRef();
        if (minReplicas != null) {
            spec.withMinReplicas(minReplicas);
        }
        if (maxReplicas != null) {
            spec.withMaxReplicas(maxReplicas);
        }
        HorizontalPodAutoscalerSpec desired = spec.build();
        String name = Names.primary(hpaName);
        KubeCalls.retryOnConflict("reconcile horizontalpodautoscaler " + name, attempts, () -> {
            HorizontalPodAutoscaler current = hpas().inNamespace(namespace).withName(name).get();
            if (current == null) {
                return hpas().inNamespace(namespace).resource(new HorizontalPodAutoscalerBuilder()
                        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Names.MANAGED)
                        .endMetadata().withSpec(desired).build()).create();
            }
            if (!refresh || desired.equals(current.getSpec())) {
                return current;
            }
            current.setSpec(desired);
            return hpas().inNamespace(namespace).resource(current).update();
        });
    }

    /** The user's HPA's {@code minReplicas}, or null when it has none or does not exist. */
    @Nullable Integer minReplicas(String namespace, String hpaName) {
        HorizontalPodAutoscaler user = KubeCalls.call("read horizontalpodautoscaler " + hpaName,
                () -> hpas().inNamespace(namespace).withName(hpaName).get());
        return user != null && user.getSpec() != null ? user.getSpec().getMinReplicas() : null;
    }

    private MixedOperation<HorizontalPodAutoscaler, HorizontalPodAutoscalerList, Resource<HorizontalPodAutoscaler>>
            hpas() {
        return client.autoscaling().v2().horizontalPodAutoscalers();
    }
}
