package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.Readiness;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import org.junit.jupiter.api.Test;

class DeploymentReadinessTest {

    private static Deployment deployment(long generation, DeploymentStatusBuilder status) {
        return new DeploymentBuilder(Fixtures.deployment("podinfo", 4)).editMetadata().withGeneration(generation)
                .endMetadata().withStatus(status.build()).build();
    }

    private static DeploymentStatusBuilder status(long observed, int replicas, int updated, int available) {
        return new DeploymentStatusBuilder().withObservedGeneration(observed).withReplicas(replicas)
                .withUpdatedReplicas(updated).withAvailableReplicas(available);
    }

    @Test
    void aDeadlineConditionFromAnOlderGenerationIsNotAFailureOfTheNewRollout() {
        Deployment rollingAgain = deployment(3, status(2, 4, 4, 4).withConditions(Fixtures.deadlineExceeded()));
        assertThat(DeploymentReadiness.of(rollingAgain, 100).state()).isEqualTo(Readiness.State.WAITING);
    }

    @Test
    void aDeadlineConditionOfTheObservedGenerationIsAFailure() {
        Deployment stuck = deployment(3, status(3, 4, 2, 1).withConditions(Fixtures.deadlineExceeded()));
        assertThat(DeploymentReadiness.of(stuck, 100).state()).isEqualTo(Readiness.State.FAILED);
    }

    @Test
    void waitsForOldReplicasToTerminate() {
        Deployment terminating = deployment(1, status(1, 6, 4, 4));
        assertThat(DeploymentReadiness.of(terminating, 100).reason()).contains("2 old replicas pending termination");
    }

    @Test
    void waitsWithoutAStatus() {
        Deployment fresh = new DeploymentBuilder(Fixtures.deployment("podinfo", 1)).build();
        assertThat(DeploymentReadiness.of(fresh, 100).reason()).contains("has no status yet");
    }

    @Test
    void aZeroThresholdNeedsNoAvailableReplica() {
        assertThat(DeploymentReadiness.of(deployment(1, status(1, 4, 4, 0)), 0).isReady()).isTrue();
        assertThat(DeploymentReadiness.of(deployment(1, status(1, 4, 4, 0)), 25).isReady()).isFalse();
    }
}
