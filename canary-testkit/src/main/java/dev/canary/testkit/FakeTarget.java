package dev.canary.testkit;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Readiness;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.DeploymentTarget;

/**
 * An in-memory deployment: the primary runs {@code v1} once initialized, the target is at {@code v2}; promotion
 * makes the primary run the target's revision. Thread-safe.
 */
public class FakeTarget implements DeploymentTarget {
    private String revision;
    private String primaryRevision;
    private final String initialPrimary;
    private int canaryReplicas;
    private int promotions;
    private Readiness canaryReadiness = Readiness.READY;

    public FakeTarget(String initialPrimary, String revision) {
        this.initialPrimary = initialPrimary;
        this.revision = revision;
    }

    @Override
    public synchronized void initialize(CanarySpec spec) {
        if (primaryRevision == null) {
            primaryRevision = initialPrimary;
        }
    }

    @Override
    public synchronized TargetStatus status(CanarySpec spec) {
        return new TargetStatus(revision, primaryRevision, Readiness.READY,
                canaryReplicas > 0 || primaryRevision == null ? canaryReadiness : Readiness.waiting("scaled to zero"));
    }

    @Override
    public synchronized void scaleCanaryUp(CanarySpec spec) {
        canaryReplicas = 1;
    }

    @Override
    public synchronized void scaleCanaryDown(CanarySpec spec) {
        canaryReplicas = 0;
    }

    @Override
    public synchronized void promote(CanarySpec spec) {
        primaryRevision = revision;
        promotions++;
    }

    public synchronized void publish(String newRevision) {
        revision = newRevision;
    }

    public synchronized void canaryReadiness(Readiness readiness) {
        canaryReadiness = readiness;
    }

    public synchronized String primaryRevision() {
        return primaryRevision;
    }

    public synchronized int canaryReplicas() {
        return canaryReplicas;
    }

    public synchronized int promotions() {
        return promotions;
    }
}
