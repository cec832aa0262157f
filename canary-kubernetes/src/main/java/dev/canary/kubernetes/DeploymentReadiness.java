package dev.canary.kubernetes;

import dev.canary.spec.Readiness;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether a Deployment is ready, Flagger's rules: the controller has observed the latest generation, every
 * replica is updated, no old replica is left, and at least {@code threshold} percent of the updated replicas
 * (rounded down) are available. A {@code Progressing} condition with reason {@code ProgressDeadlineExceeded}
 * is a failure; a Deployment scaled to zero is not ready.
 */
final class DeploymentReadiness {
    static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    private DeploymentReadiness() {
    }

    static Readiness of(Deployment deployment, int thresholdPercent) {
        String name = "deployment " + deployment.getMetadata().getName();
        int replicas = or(deployment.getSpec().getReplicas(), 1);
        DeploymentStatus status = deployment.getStatus();
        if (replicas == 0) {
            return Readiness.waiting(name + " is scaled to zero");
        }
        if (status == null) {
            return Readiness.waiting(name + " has no status yet");
        }
        long generation = orZero(deployment.getMetadata().getGeneration());
        long observed = orZero(status.getObservedGeneration());
        if (observed < generation) {
            return Readiness.waiting(name + ": waiting for the controller to observe generation " + generation
                    + " (observed " + observed + ")");
        }
        DeploymentCondition stuck = deadlineExceeded(status.getConditions());
        if (stuck != null) {
            return Readiness.failed(name + " exceeded its progress deadline: " + stuck.getMessage());
        }
        int updated = or(status.getUpdatedReplicas(), 0);
        int current = or(status.getReplicas(), 0);
        int available = or(status.getAvailableReplicas(), 0);
        if (updated < replicas) {
            return Readiness.waiting(name + ": " + updated + " of " + replicas + " replicas updated");
        }
        if (current > updated) {
            return Readiness.waiting(name + ": " + (current - updated) + " old replicas pending termination");
        }
        long needed = (long) updated * thresholdPercent / 100;
        if (available < needed) {
            return Readiness.waiting(name + ": " + available + " of " + updated + " updated replicas available, "
                    + needed + " needed (" + thresholdPercent + "%)");
        }
        return Readiness.READY;
    }

    private static @Nullable DeploymentCondition deadlineExceeded(@Nullable List<DeploymentCondition> conditions) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream()
                .filter(c -> "Progressing".equals(c.getType()) && DEADLINE_EXCEEDED.equals(c.getReason()))
                .findFirst().orElse(null);
    }

    private static int or(@Nullable Integer value, int defaultValue) {
        return value != null ? value : defaultValue;
    }

    private static long orZero(@Nullable Long value) {
        return value != null ? value : 0;
    }
}
