package dev.canary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.DeploymentTarget;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DeploymentTarget} keeps. Subclass it with a target over a fresh backend in which
 * the workload of {@link #spec()} exists, and implement the hooks that change the backend.
 */
public abstract class AbstractDeploymentTargetContractTest {

    protected abstract DeploymentTarget target();

    /** Changes what the target would run (a new image, a new config), as a user's deployment does. */
    protected abstract void publishNewRevision();

    /** Makes every workload of the target report ready (the backend's equivalent of pods becoming available). */
    protected abstract void makeEverythingReady();

    protected CanarySpec spec() {
        return ContractSpecs.seed();
    }

    @Test
    void initializeBootstrapsAPrimaryRunningTheCurrentRevision() {
        DeploymentTarget target = target();
        target.initialize(spec());
        makeEverythingReady();
        TargetStatus status = target.status(spec());
        assertThat(status.primaryRevision()).isNotNull();
        assertThat(status.revision()).isEqualTo(status.primaryRevision());
        assertThat(status.primary().isReady()).isTrue();
    }

    @Test
    void initializeIsIdempotent() {
        DeploymentTarget target = target();
        target.initialize(spec());
        makeEverythingReady();
        String first = target.status(spec()).primaryRevision();
        target.initialize(spec());
        makeEverythingReady();
        assertThat(target.status(spec()).primaryRevision()).isEqualTo(first);
    }

    @Test
    void aNewRevisionDiffersFromThePrimaryUntilPromoted() {
        DeploymentTarget target = target();
        target.initialize(spec());
        makeEverythingReady();
        String promoted = target.status(spec()).primaryRevision();

        publishNewRevision();
        target.scaleCanaryUp(spec());
        makeEverythingReady();
        TargetStatus during = target.status(spec());
        assertThat(during.revision()).isNotNull().isNotEqualTo(promoted);
        assertThat(during.canary().isReady()).isTrue();

        target.promote(spec());
        makeEverythingReady();
        TargetStatus after = target.status(spec());
        assertThat(after.primaryRevision()).isEqualTo(during.revision());
        assertThat(after.revision()).isEqualTo(during.revision());
    }

    @Test
    void scalingIsIdempotent() {
        DeploymentTarget target = target();
        target.initialize(spec());
        publishNewRevision();
        target.scaleCanaryUp(spec());
        target.scaleCanaryUp(spec());
        makeEverythingReady();
        assertThat(target.status(spec()).canary().isReady()).isTrue();
        target.scaleCanaryDown(spec());
        target.scaleCanaryDown(spec());
        makeEverythingReady();
        assertThat(target.status(spec()).primary().isReady()).isTrue();
    }
}
