package dev.canary.kubernetes;

import dev.canary.spec.CanaryException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Readiness;
import dev.canary.spec.TargetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link TargetStatus}. Never throws for a failed read: the revision it could not compute is unknown
 * ({@code null}, never a change, unlike Flagger #989) and the workload it could not read is waiting.
 */
final class StatusReader {
    private static final Logger logger = LoggerFactory.getLogger(StatusReader.class);

    private final KubernetesClient client;
    private final CanarySpec spec;

    StatusReader(KubernetesClient client, CanarySpec spec) {
        this.client = client;
        this.spec = spec;
    }

    TargetStatus read() {
        String targetName = spec.targetRef().name();
        String primaryName = Names.primary(targetName);
        Deployment target = null;
        Deployment primary = null;
        String targetError = null;
        String primaryError = null;
        try {
            target = get(targetName);
        } catch (KubernetesClientException e) {
            targetError = "cannot read deployment " + targetName + ": " + e.getMessage();
        }
        try {
            primary = get(primaryName);
        } catch (KubernetesClientException e) {
            primaryError = "cannot read deployment " + primaryName + ": " + e.getMessage();
        }
        return new TargetStatus(
                target != null ? revision(target) : null,
                primary != null ? annotation(primary, Names.REVISION) : null,
                readiness(primary, primaryName, primaryError, spec.analysis().primaryReadyThreshold()),
                readiness(target, targetName, targetError, spec.analysis().canaryReadyThreshold()));
    }

    private @Nullable String revision(Deployment target) {
        try {
            return TargetSnapshot.of(client, target).revision();
        } catch (KubernetesClientException | CanaryException e) {
            logger.warn("revision of {} unknown: {}", spec.key(), dev.canary.spec.Redaction.logged(e.getMessage()));
            return null;
        }
    }

    private static Readiness readiness(@Nullable Deployment deployment, String name, @Nullable String error,
            int threshold) {
        if (error != null) {
            return Readiness.waiting(error);
        }
        if (deployment == null) {
            return Readiness.waiting("deployment " + name + " does not exist yet");
        }
        return DeploymentReadiness.of(deployment, threshold);
    }

    private @Nullable Deployment get(String name) {
        return client.apps().deployments().inNamespace(spec.namespace()).withName(name).get();
    }

    private static @Nullable String annotation(Deployment deployment, String key) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return annotations != null ? annotations.get(key) : null;
    }
}
