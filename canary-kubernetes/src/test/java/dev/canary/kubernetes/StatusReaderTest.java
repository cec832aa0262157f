package dev.canary.kubernetes;

import static dev.canary.kubernetes.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Readiness;
import dev.canary.spec.TargetStatus;
import dev.canary.testkit.ContractSpecs;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code status()}: revisions and readiness, through {@link KubernetesDeploymentTarget}. */
@EnableKubernetesMockClient(crud = true, https = false)
class StatusReaderTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private final CanarySpec spec = ContractSpecs.seed();
    private KubernetesDeploymentTarget target;

    @BeforeEach
    void createTarget() {
        Fixtures.createWithConfigs(client, "podinfo", 2);
        target = KubernetesDeploymentTarget.builder(client).build();
    }

    private String revision() {
        return target.status(spec).revision();
    }

    @Nested
    class Revision {
        @Test
        void isStableWhileNothingChanges() {
            assertThat(revision()).isNotNull().isEqualTo(revision());
        }

        @Test
        void changesWithThePodTemplate() {
            String before = revision();
            Fixtures.setImage(client, "podinfo", "ghcr.io/stefanprodan/podinfo:6.0.1");
            assertThat(revision()).isNotEqualTo(before);
        }

        @Test
        void changesWithTheDataOfAReferencedConfigMapOrSecret() {
            String before = revision();
            client.configMaps().inNamespace(NS).withName("podinfo-env").edit(c -> {
                c.setData(Map.of("MODE", "debug"));
                return c;
            });
            String afterConfigMap = revision();
            assertThat(afterConfigMap).isNotEqualTo(before);
            client.resource(Fixtures.secret("podinfo-secret", "rotated")).update();
            assertThat(revision()).isNotEqualTo(afterConfigMap);
        }

        @Test
        void ignoresChangesOutsideThePodTemplate() {
            String before = revision();
            client.apps().deployments().inNamespace(NS).withName("podinfo").edit(d -> {
                d.getSpec().setReplicas(7);
                d.getMetadata().setAnnotations(Map.of("note", "scaled"));
                return d;
            });
            assertThat(revision()).isEqualTo(before);
        }

        @Test
        void doesNotDependOnTheOrderOfKeys() {
            Map<String, String> forward = new LinkedHashMap<>();
            forward.put("a", "1");
            forward.put("b", "2");
            Map<String, String> backward = new LinkedHashMap<>();
            backward.put("b", "2");
            backward.put("a", "1");
            Deployment one = Fixtures.deployment("one", 1);
            one.getSpec().getTemplate().getMetadata().setAnnotations(forward);
            Deployment two = Fixtures.deployment("one", 1);
            two.getSpec().getTemplate().getMetadata().setAnnotations(backward);
            TrackedConfigs none = TrackedConfigs.read(client, NS, "one", one.getSpec().getTemplate().getSpec());
            var serialization = client.getKubernetesSerialization();
            assertThat(Revisions.of(serialization, one.getSpec().getTemplate(), none))
                    .isEqualTo(Revisions.of(serialization, two.getSpec().getTemplate(), none));
        }

        @Test
        void equalsThePromotedRevisionAgainAfterARevert() {
            target.initialize(spec);
            String promoted = target.status(spec).primaryRevision();
            Fixtures.setImage(client, "podinfo", "ghcr.io/stefanprodan/podinfo:6.0.1");
            assertThat(revision()).isNotEqualTo(promoted);
            Fixtures.setImage(client, "podinfo", Fixtures.IMAGE);
            assertThat(revision()).isEqualTo(promoted);
        }

        @Test
        void isUnknownWhenAReferencedConfigCannotBeRead() {
            server.expect().get().withPath("/api/v1/namespaces/" + NS + "/configmaps/podinfo-env")
                    .andReturn(500, "etcd timeout").always();
            try (KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                    client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build()) {
                TargetStatus status = KubernetesDeploymentTarget.builder(noRetries).build().status(spec);
                assertThat(status.revision()).isNull();
                assertThat(status.canary().reason()).doesNotContain("cannot read");
            }
        }

        @Test
        void isUnknownAndEveryWorkloadWaitsWhenTheApiServerIsUnreachable() {
            try (KubernetesClient broken = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                    .withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0)
                    .withConnectionTimeout(2_000).withRequestTimeout(2_000).build()).build()) {
                TargetStatus status = KubernetesDeploymentTarget.builder(broken).build().status(spec);
                assertThat(status.revision()).isNull();
                assertThat(status.primaryRevision()).isNull();
                assertThat(status.canary().state()).isEqualTo(Readiness.State.WAITING);
                assertThat(status.canary().reason()).startsWith("cannot read deployment podinfo");
                assertThat(status.primary().state()).isEqualTo(Readiness.State.WAITING);
            }
        }

        @Test
        void isUnknownWhenARequiredConfigIsMissing() {
            client.configMaps().inNamespace(NS).withName("podinfo-config").delete();
            assertThat(revision()).isNull();
        }

        @Test
        void leavesOutConfigsThatOptOutOfTracking() {
            String before = revision();
            client.configMaps().inNamespace(NS).withName("podinfo-config").edit(c -> {
                c.getMetadata().setAnnotations(Map.of("canary.dev/config-tracking", "disabled"));
                return c;
            });
            String optedOut = revision();
            assertThat(optedOut).isNotEqualTo(before);
            client.configMaps().inNamespace(NS).withName("podinfo-config").edit(c -> {
                c.setData(Map.of("a", "changed"));
                return c;
            });
            assertThat(revision()).isEqualTo(optedOut);
        }
    }

    @Nested
    class Readinesses {
        @Test
        void thePrimaryIsWaitingBeforeItExists() {
            assertThat(target.status(spec).primary().reason()).contains("podinfo-primary does not exist yet");
            assertThat(target.status(spec).primaryRevision()).isNull();
        }

        @Test
        void waitsUntilTheControllerObservedTheLatestGeneration() {
            Fixtures.makeAllReady(client);
            Fixtures.setImage(client, "podinfo", "ghcr.io/stefanprodan/podinfo:6.0.1");
            Readiness canary = target.status(spec).canary();
            assertThat(canary.state()).isEqualTo(Readiness.State.WAITING);
            assertThat(canary.reason()).contains("observe generation");
        }

        @Test
        void waitsUntilEveryReplicaIsUpdated() {
            Fixtures.setStatus(client, "podinfo", 1, 1, null);
            assertThat(target.status(spec).canary().reason()).contains("1 of 2 replicas updated");
        }

        @Test
        void waitsUntilEnoughUpdatedReplicasAreAvailable() {
            Fixtures.setStatus(client, "podinfo", 2, 1, null);
            assertThat(target.status(spec).canary().reason()).contains("1 of 2 updated replicas available, 2 needed");
        }

        @Test
        void theThresholdIsAPercentOfUpdatedReplicasRoundedDown() {
            Fixtures.setStatus(client, "podinfo", 2, 1, null);
            CanarySpec half = spec.toBuilder().analysis(spec.analysis().toBuilder().canaryReadyThreshold(75).build())
                    .build();
            assertThat(target.status(half).canary().isReady()).isTrue();
            CanarySpec most = spec.toBuilder().analysis(spec.analysis().toBuilder().canaryReadyThreshold(100).build())
                    .build();
            assertThat(target.status(most).canary().isReady()).isFalse();
        }

        @Test
        void thePrimaryUsesItsOwnThreshold() {
            target.initialize(spec);
            Fixtures.setStatus(client, "podinfo-primary", 2, 1, null);
            CanarySpec lenient = spec.toBuilder().analysis(spec.analysis().toBuilder().primaryReadyThreshold(50)
                    .build()).build();
            assertThat(target.status(spec).primary().isReady()).isFalse();
            assertThat(target.status(lenient).primary().isReady()).isTrue();
        }

        @Test
        void failsWhenTheDeploymentExceededItsProgressDeadline() {
            Fixtures.setStatus(client, "podinfo", 2, 1, Fixtures.deadlineExceeded());
            Readiness canary = target.status(spec).canary();
            assertThat(canary.state()).isEqualTo(Readiness.State.FAILED);
            assertThat(canary.reason()).contains("exceeded its progress deadline").contains("timed out progressing");
        }

        @Test
        void aPrimaryScaledToZeroIsNotReady() {
            target.initialize(spec);
            client.apps().deployments().inNamespace(NS).withName("podinfo-primary").edit(d -> {
                d.getSpec().setReplicas(0);
                return d;
            });
            Fixtures.makeAllReady(client);
            assertThat(target.status(spec).primary().reason()).contains("scaled to zero");
        }

        @Test
        void isReadyWhenEveryReplicaIsUpdatedAndAvailable() {
            Fixtures.makeAllReady(client);
            assertThat(target.status(spec).canary()).isEqualTo(Readiness.READY);
        }
    }
}
