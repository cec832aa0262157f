package dev.canary.kubernetes;

import dev.canary.spec.CanarySpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Scales the target Deployment with JSON merge patches on {@code spec.replicas}. Scaling to zero remembers the
 * replicas it had in the {@code canary.dev/original-replicas} annotation, in the same patch.
 */
final class TargetScaler {
    private final KubernetesClient client;
    private final PrimaryAutoscaler autoscaler;
    private final @Nullable String autoscalerRef;

    TargetScaler(KubernetesClient client, PrimaryAutoscaler autoscaler, @Nullable String autoscalerRef) {
        this.client = client;
        this.autoscaler = autoscaler;
        this.autoscalerRef = autoscalerRef;
    }

    /** Scales to zero unless it is there already. */
    void scaleToZero(Deployment target) {
        int replicas = replicas(target);
        if (replicas == 0) {
            return;
        }
        patch(target, 0, Map.of(Names.ORIGINAL_REPLICAS, Integer.toString(replicas)));
    }

    /**
     * Scales up from zero to the remembered replicas, else the primary's, else the autoscaler's minimum, else 1;
     * a target already running keeps its replicas.
     */
    void scaleFromZero(CanarySpec spec, Deployment target) {
        if (replicas(target) == 0) {
            patch(target, firstPositive(remembered(target), primaryReplicas(spec), autoscalerMin(spec)), Map.of());
        }
    }

    /** Like {@link #scaleFromZero} but the primary's replicas come first: the target takes over its load. */
    void restore(CanarySpec spec, Deployment target) {
        if (replicas(target) == 0) {
            patch(target, firstPositive(primaryReplicas(spec), remembered(target), autoscalerMin(spec)), Map.of());
        }
    }

    /** The replicas remembered when {@code target} was scaled to zero, else 1. */
    static int rememberedOrOne(Deployment target) {
        return firstPositive(remembered(target));
    }

    static int replicas(Deployment deployment) {
        Integer replicas = deployment.getSpec().getReplicas();
        return replicas != null ? replicas : 1;
    }

    private void patch(Deployment target, int replicas, Map<String, String> annotations) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!annotations.isEmpty()) {
            body.put("metadata", Map.of("annotations", annotations));
        }
        body.put("spec", Map.of("replicas", replicas));
        String name = target.getMetadata().getName();
        KubeCalls.call("scale deployment " + name + " to " + replicas, () -> client.apps().deployments()
                .inNamespace(target.getMetadata().getNamespace()).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(body)));
    }

    private static @Nullable Integer remembered(Deployment target) {
        Map<String, String> annotations = target.getMetadata().getAnnotations();
        String value = annotations != null ? annotations.get(Names.ORIGINAL_REPLICAS) : null;
        try {
            return value != null ? Integer.valueOf(value) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private @Nullable Integer primaryReplicas(CanarySpec spec) {
        Deployment primary = KubeCalls.call("read the primary deployment", () -> client.apps().deployments()
                .inNamespace(spec.namespace()).withName(Names.primary(spec.targetRef().name())).get());
        return primary != null ? primary.getSpec().getReplicas() : null;
    }

    private @Nullable Integer autoscalerMin(CanarySpec spec) {
        return autoscalerRef != null ? autoscaler.minReplicas(spec.namespace(), autoscalerRef) : null;
    }

    private static int firstPositive(@Nullable Integer... candidates) {
        for (Integer candidate : candidates) {
            if (candidate != null && candidate > 0) {
                return candidate;
            }
        }
        return 1;
    }
}
