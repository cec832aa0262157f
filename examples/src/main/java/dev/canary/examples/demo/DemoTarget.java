package dev.canary.examples.demo;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Readiness;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.DeploymentTarget;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeploymentTarget} over two {@link DemoService}s. The target is what the user deploys: its current
 * {@link ServiceBehaviour} always runs in the canary service, and {@link #publish} deploys a new one (a new
 * revision). {@link #initialize} bootstraps the primary service with the target's revision at that moment, and
 * {@link #promote} rolls the target's revision out to the primary. A service is ready while it runs. One target
 * fronts one canary, so the spec passed in is not used. Thread-safe.
 */
public final class DemoTarget implements DeploymentTarget {
    private final DemoService primary;
    private final DemoService canary;
    private volatile ServiceBehaviour current;
    private volatile @Nullable String primaryRevision;
    private volatile boolean canaryScaledUp;

    /** A target whose current revision {@code current} runs in {@code canary}; the primary is not bootstrapped. */
    public DemoTarget(DemoService primary, DemoService canary, ServiceBehaviour current) {
        this.primary = Objects.requireNonNull(primary, "primary == null");
        this.canary = Objects.requireNonNull(canary, "canary == null");
        this.current = Objects.requireNonNull(current, "current == null");
        canary.behave(current);
    }

    /** Deploys a new revision of the target: the canary service runs it from now on. */
    public synchronized void publish(ServiceBehaviour next) {
        current = Objects.requireNonNull(next, "next == null");
        canary.behave(next);
    }

    /** The revision the target runs now. */
    public ServiceBehaviour current() {
        return current;
    }

    /** Whether the canary is scaled up for a run. */
    public boolean isCanaryScaledUp() {
        return canaryScaledUp;
    }

    @Override
    public synchronized void initialize(CanarySpec spec) {
        if (primaryRevision == null) {
            primary.behave(current);
            primaryRevision = current.revision();
        }
    }

    @Override
    public TargetStatus status(CanarySpec spec) {
        String bootstrapped = primaryRevision;
        Readiness primaryReady = bootstrapped == null ? Readiness.waiting("the primary is not bootstrapped yet")
                : readiness(primary);
        return new TargetStatus(current.revision(), bootstrapped, primaryReady, readiness(canary));
    }

    @Override
    public void scaleCanaryUp(CanarySpec spec) {
        canaryScaledUp = true;
    }

    @Override
    public void scaleCanaryDown(CanarySpec spec) {
        canaryScaledUp = false;
    }

    @Override
    public synchronized void promote(CanarySpec spec) {
        primary.behave(current);
        primaryRevision = current.revision();
    }

    private static Readiness readiness(DemoService service) {
        return service.isRunning() ? Readiness.READY
                : Readiness.waiting("the " + service.name() + " service is not running");
    }

    @Override
    public String toString() {
        return "DemoTarget[target " + current.revision() + ", primary " + primaryRevision + "]";
    }
}
