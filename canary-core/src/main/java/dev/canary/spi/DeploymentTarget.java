package dev.canary.spi;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.TargetStatus;

/**
 * The workload being released: a primary that serves the promoted revision, and a canary that runs the new
 * one. Every method must be idempotent and thread-safe.
 */
public interface DeploymentTarget extends AutoCloseable {

    /** Bootstraps the primary (and whatever else the target needs) from the current target; idempotent. */
    void initialize(CanarySpec spec);

    /** Revisions and readiness, read now. Read errors give an unknown ({@code null}) revision, not an exception. */
    TargetStatus status(CanarySpec spec);

    /** Scales the canary up for a run. */
    void scaleCanaryUp(CanarySpec spec);

    /** Scales the canary to zero. */
    void scaleCanaryDown(CanarySpec spec);

    /** Copies the canary's revision into the primary; afterwards {@code status().primaryRevision()} is the new one. */
    void promote(CanarySpec spec);

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }

    /** Creates {@link DeploymentTarget}s; register in {@code META-INF/services/dev.canary.spi.DeploymentTarget$Factory}. */
    interface Factory extends ProviderFactory<DeploymentTarget> {
    }
}
