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

    /**
     * {@link #status} without holding the caller's thread. The default runs {@link #status} on {@code blocking}, the
     * runner's bounded pool; a target with an asynchronous client (or an in-memory one) overrides it. The runner
     * bounds the call with its deadline (see {@code docs/runner.md}).
     */
    default java.util.concurrent.CompletionStage<TargetStatus> statusAsync(CanarySpec spec,
            java.util.concurrent.Executor blocking) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> status(spec), blocking);
    }

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
