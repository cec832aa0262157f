package dev.canary.kubernetes;

import static dev.canary.kubernetes.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.testkit.ContractSpecs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code scaleCanaryUp} / {@code scaleCanaryDown}, through {@link KubernetesDeploymentTarget}. */
@EnableKubernetesMockClient(crud = true, https = false)
class TargetScalerTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private final CanarySpec spec = ContractSpecs.seed();

    private int replicas(String name) {
        return Fixtures.get(client, name).getSpec().getReplicas();
    }

    private void setReplicas(String name, int replicas) {
        client.apps().deployments().inNamespace(NS).withName(name).edit(d -> {
            d.getSpec().setReplicas(replicas);
            return d;
        });
    }

    /** Target with {@code replicas}, initialized and scaled to zero. */
    private KubernetesDeploymentTarget initialized(int replicas, KubernetesDeploymentTarget target) {
        client.resource(Fixtures.deployment("podinfo", replicas)).create();
        target.initialize(spec);
        Fixtures.makeAllReady(client);
        target.initialize(spec);
        return target;
    }

    private KubernetesDeploymentTarget plain() {
        return KubernetesDeploymentTarget.builder(client).build();
    }

    @Nested
    class Down {
        @Test
        void scalesToZeroAndRemembersTheReplicas() {
            KubernetesDeploymentTarget target = plain();
            client.resource(Fixtures.deployment("podinfo", 3)).create();
            target.scaleCanaryDown(spec);
            assertThat(replicas("podinfo")).isZero();
            assertThat(Fixtures.get(client, "podinfo").getMetadata().getAnnotations())
                    .containsEntry("canary.dev/original-replicas", "3");
        }

        @Test
        void isIdempotentAndKeepsTheRememberedReplicas() {
            KubernetesDeploymentTarget target = plain();
            client.resource(Fixtures.deployment("podinfo", 3)).create();
            target.scaleCanaryDown(spec);
            String version = Fixtures.get(client, "podinfo").getMetadata().getResourceVersion();
            target.scaleCanaryDown(spec);
            assertThat(Fixtures.get(client, "podinfo").getMetadata().getResourceVersion()).isEqualTo(version);
            assertThat(Fixtures.get(client, "podinfo").getMetadata().getAnnotations())
                    .containsEntry("canary.dev/original-replicas", "3");
        }
    }

    @Nested
    class UpFromZero {
        @Test
        void usesTheTargetsRememberedReplicasFirst() {
            KubernetesDeploymentTarget target = initialized(3, plain());
            setReplicas("podinfo-primary", 5);
            target.scaleCanaryUp(spec);
            assertThat(replicas("podinfo")).isEqualTo(3);
        }

        @Test
        void thenThePrimarysReplicas() {
            client.resource(Fixtures.deployment("podinfo", 0)).create();
            KubernetesDeploymentTarget target = plain();
            target.initialize(spec);
            setReplicas("podinfo-primary", 5);
            target.scaleCanaryUp(spec);
            assertThat(replicas("podinfo")).isEqualTo(5);
        }

        @Test
        void thenTheAutoscalerMinimum() {
            client.resource(KubernetesDeploymentTargetTest.hpa()).create();
            client.resource(Fixtures.deployment("podinfo", 0)).create();
            KubernetesDeploymentTarget target = KubernetesDeploymentTarget.builder(client).autoscalerRef("podinfo")
                    .build();
            target.scaleCanaryUp(spec);
            assertThat(replicas("podinfo")).isEqualTo(2);
        }

        @Test
        void elseOne() {
            client.resource(Fixtures.deployment("podinfo", 0)).create();
            plain().scaleCanaryUp(spec);
            assertThat(replicas("podinfo")).isEqualTo(1);
        }

        @Test
        void leavesARunningTargetAsItIs() {
            client.resource(Fixtures.deployment("podinfo", 4)).create();
            String version = Fixtures.get(client, "podinfo").getMetadata().getResourceVersion();
            KubernetesDeploymentTarget target = plain();
            target.scaleCanaryUp(spec);
            target.scaleCanaryUp(spec);
            assertThat(replicas("podinfo")).isEqualTo(4);
            assertThat(Fixtures.get(client, "podinfo").getMetadata().getResourceVersion()).isEqualTo(version);
        }

        @Test
        void ignoresARememberedCountThatIsNotANumber() {
            client.resource(Fixtures.deployment("podinfo", 0)).create();
            client.apps().deployments().inNamespace(NS).withName("podinfo").edit(d -> {
                d.getMetadata().setAnnotations(Map.of("canary.dev/original-replicas", "many"));
                return d;
            });
            plain().scaleCanaryUp(spec);
            assertThat(replicas("podinfo")).isEqualTo(1);
        }
    }
}
