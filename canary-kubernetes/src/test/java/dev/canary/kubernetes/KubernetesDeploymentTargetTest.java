package dev.canary.kubernetes;

import static dev.canary.kubernetes.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.ProviderException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Readiness;
import dev.canary.spi.DeploymentTarget;
import dev.canary.testkit.AbstractDeploymentTargetContractTest;
import dev.canary.testkit.ContractSpecs;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesDeploymentTargetTest extends AbstractDeploymentTargetContractTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private final CanarySpec spec = ContractSpecs.seed();

    @BeforeEach
    void createTarget() {
        Fixtures.createWithConfigs(client, "podinfo", 2);
    }

    @Override
    protected void publishNewRevision() {
        Fixtures.setImage(client, "podinfo", "ghcr.io/stefanprodan/podinfo:6.0.1");
    }

    @Override
    protected void makeEverythingReady() {
        Fixtures.makeAllReady(client);
    }

    private Deployment deployment(String name) {
        return Fixtures.get(client, name);
    }

    private Map<String, String> podAnnotations(String name) {
        return deployment(name).getSpec().getTemplate().getMetadata().getAnnotations();
    }

    private Service service(String name) {
        return client.services().inNamespace(NS).withName(name).get();
    }

    @Nested
    class Initialize {
        @Test
        void createsThePrimaryWithTheSelectorLabelSuffixedAndTheConfigsRenamed() {
            target().initialize(spec);

            Deployment primary = deployment("podinfo-primary");
            assertThat(primary.getSpec().getSelector().getMatchLabels()).containsExactly(Map.entry("app",
                    "podinfo-primary"));
            assertThat(primary.getSpec().getTemplate().getMetadata().getLabels())
                    .containsEntry("app", "podinfo-primary").containsEntry("team", "web");
            assertThat(primary.getSpec().getReplicas()).isEqualTo(2);
            assertThat(primary.getSpec().getMinReadySeconds()).isEqualTo(5);
            assertThat(primary.getSpec().getProgressDeadlineSeconds()).isEqualTo(60);
            var pod = primary.getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes().get(0).getConfigMap().getName()).isEqualTo("podinfo-config-primary");
            assertThat(pod.getVolumes().get(1).getProjected().getSources().get(0).getSecret().getName())
                    .isEqualTo("podinfo-secret-primary");
            assertThat(pod.getContainers().get(0).getEnv().get(0).getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("podinfo-secret-primary");
            assertThat(pod.getInitContainers().get(0).getEnvFrom().get(0).getConfigMapRef().getName())
                    .isEqualTo("podinfo-env-primary");
            assertThat(pod.getContainers().get(0).getImage()).isEqualTo(Fixtures.IMAGE);
        }

        @Test
        void recordsTheTargetRevisionOnThePrimary() {
            DeploymentTarget target = target();
            target.initialize(spec);
            String revision = target.status(spec).revision();
            assertThat(revision).matches("[0-9a-f]{16}");
            assertThat(deployment("podinfo-primary").getMetadata().getAnnotations())
                    .containsEntry("canary.dev/revision", revision);
        }

        @Test
        void copiesEveryReferencedConfig() {
            target().initialize(spec);
            assertThat(client.configMaps().inNamespace(NS).withName("podinfo-config-primary").get().getData())
                    .isEqualTo(Map.of("a", "1", "b", "2"));
            assertThat(client.configMaps().inNamespace(NS).withName("podinfo-env-primary").get().getData())
                    .isEqualTo(Map.of("MODE", "prod"));
            assertThat(client.secrets().inNamespace(NS).withName("podinfo-secret-primary").get().getData())
                    .isEqualTo(Fixtures.secret("x", "s3cr3t").getData());
        }

        @Test
        void createsTheThreeServicesWithTheirSelectorsAndPort() {
            CanarySpec withPort = spec.toBuilder()
                    .service(new dev.canary.spec.ServiceSpec("podinfo", 80, "web", "http")).build();
            target().initialize(withPort);

            assertThat(service("podinfo").getSpec().getSelector()).isEqualTo(Map.of("app", "podinfo-primary"));
            assertThat(service("podinfo-primary").getSpec().getSelector())
                    .isEqualTo(Map.of("app", "podinfo-primary"));
            assertThat(service("podinfo-canary").getSpec().getSelector()).isEqualTo(Map.of("app", "podinfo"));
            for (String name : new String[] {"podinfo", "podinfo-primary", "podinfo-canary"}) {
                Service service = service(name);
                assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
                assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
                    assertThat(port.getName()).isEqualTo("web");
                    assertThat(port.getPort()).isEqualTo(80);
                    assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http"));
                });
                assertThat(service.getMetadata().getLabels()).containsEntry("app", name);
            }
        }

        @Test
        void pointsAnExistingApexServiceAtThePrimaryKeepingItsOtherPorts() {
            client.resource(new ServiceBuilder().withNewMetadata().withName("podinfo").withNamespace(NS)
                    .endMetadata().withNewSpec().withType("NodePort").addToSelector("app", "podinfo")
                    .addNewPort().withName("http").withPort(80).withNodePort(30080).endPort()
                    .addNewPort().withName("metrics").withPort(9797).endPort().endSpec().build()).create();

            target().initialize(spec);

            Service apex = service("podinfo");
            assertThat(apex.getSpec().getSelector()).isEqualTo(Map.of("app", "podinfo-primary"));
            assertThat(apex.getSpec().getType()).isEqualTo("NodePort");
            assertThat(apex.getSpec().getPorts()).extracting("name").containsExactly("http", "metrics");
            assertThat(apex.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
            assertThat(apex.getMetadata().getAnnotations()).containsEntry("canary.dev/original-selector",
                    "app=podinfo");
        }

        @Test
        void clonesTheNamedAutoscalerForThePrimary() {
            client.resource(hpa()).create();
            KubernetesDeploymentTarget.builder(client).autoscalerRef("podinfo").build().initialize(spec);

            HorizontalPodAutoscaler primary = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
                    .withName("podinfo-primary").get();
            assertThat(primary.getSpec().getScaleTargetRef().getName()).isEqualTo("podinfo-primary");
            assertThat(primary.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(primary.getSpec().getMinReplicas()).isEqualTo(2);
            assertThat(primary.getSpec().getMaxReplicas()).isEqualTo(4);
            assertThat(primary.getSpec().getMetrics()).isEqualTo(hpa().getSpec().getMetrics());
        }

        @Test
        void givesThePrimaryAutoscalerThePrimaryScalerReplicas() {
            client.resource(hpa()).create();
            KubernetesDeploymentTarget.builder(client).autoscalerRef("podinfo").primaryScalerReplicas(3, null)
                    .build().initialize(spec);

            HorizontalPodAutoscaler primary = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
                    .withName("podinfo-primary").get();
            assertThat(primary.getSpec().getMinReplicas()).isEqualTo(3);
            assertThat(primary.getSpec().getMaxReplicas()).isEqualTo(4);
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("podinfo").get()
                    .getSpec().getMinReplicas()).as("the user's HPA is left alone").isEqualTo(2);
        }

        @Test
        void refusesPrimaryScalerReplicasBelowOneOrCrossed() {
            assertThatThrownBy(() -> KubernetesDeploymentTarget.builder(client).primaryScalerReplicas(0, 2))
                    .hasMessageContaining("must be at least 1");
            assertThatThrownBy(() -> KubernetesDeploymentTarget.builder(client).primaryScalerReplicas(5, 2))
                    .hasMessage("primaryScalerReplicas.minReplicas 5 is above maxReplicas 2");
        }

        @Test
        void failsClearlyWhenTheNamedAutoscalerIsMissing() {
            DeploymentTarget target = KubernetesDeploymentTarget.builder(client).autoscalerRef("nope").build();
            assertThatThrownBy(() -> target.initialize(spec)).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("horizontalpodautoscaler nope named by autoscalerRef does not exist");
        }

        @Test
        void scalesTheTargetToZeroOnlyOnceThePrimaryIsReady() {
            DeploymentTarget target = target();
            target.initialize(spec);
            assertThat(deployment("podinfo").getSpec().getReplicas()).isEqualTo(2);

            Fixtures.makeAllReady(client);
            target.initialize(spec);
            Deployment scaled = deployment("podinfo");
            assertThat(scaled.getSpec().getReplicas()).isZero();
            assertThat(scaled.getMetadata().getAnnotations()).containsEntry("canary.dev/original-replicas", "2");
        }

        @Test
        void repeatedCallsCreateNoDuplicatesAndKeepThePrimaryAsItWas() {
            DeploymentTarget target = target();
            target.initialize(spec);
            String version = deployment("podinfo-primary").getMetadata().getResourceVersion();
            Fixtures.setImage(client, "podinfo", "ghcr.io/stefanprodan/podinfo:9.9.9");
            target.initialize(spec);
            target.initialize(spec);

            assertThat(deployment("podinfo-primary").getMetadata().getResourceVersion()).isEqualTo(version);
            assertThat(deployment("podinfo-primary").getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getImage()).isEqualTo(Fixtures.IMAGE);
            assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(2);
            assertThat(client.services().inNamespace(NS).list().getItems()).hasSize(3);
            assertThat(client.configMaps().inNamespace(NS).list().getItems()).hasSize(4);
        }

        @Test
        void givesAPrimaryItDidNotCreateAnUnknownRevision() {
            Deployment foreign = Fixtures.deployment("podinfo-primary", 1);
            client.resource(foreign).create();
            DeploymentTarget target = target();
            target.initialize(spec);
            assertThat(target.status(spec).primaryRevision()).isEqualTo(KubernetesDeploymentTarget.UNKNOWN_REVISION);
            assertThat(deployment("podinfo-primary").getSpec().getTemplate().getMetadata().getLabels())
                    .containsEntry("app", "podinfo-primary");
        }

        @Test
        void failsClearlyWithoutASelectorLabel() {
            client.apps().deployments().inNamespace(NS).withName("podinfo").delete();
            Deployment odd = Fixtures.deployment("podinfo", 1);
            odd.getSpec().getSelector().setMatchLabels(Map.of("component", "podinfo"));
            odd.getSpec().getTemplate().getMetadata().setLabels(Map.of("component", "podinfo"));
            client.resource(odd).create();

            assertThatThrownBy(() -> target().initialize(spec)).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("has none of the labels [app, name, app.kubernetes.io/name]");
        }

        @Test
        void usesAConfiguredSelectorLabel() {
            client.apps().deployments().inNamespace(NS).withName("podinfo").delete();
            Deployment odd = Fixtures.deployment("podinfo", 1);
            odd.getSpec().getSelector().setMatchLabels(Map.of("component", "web"));
            odd.getSpec().getTemplate().getMetadata().setLabels(Map.of("component", "web"));
            client.resource(odd).create();

            KubernetesDeploymentTarget.builder(client).selectorLabels(java.util.List.of("component")).build()
                    .initialize(spec);
            assertThat(deployment("podinfo-primary").getSpec().getSelector().getMatchLabels())
                    .isEqualTo(Map.of("component", "web-primary"));
            assertThat(service("podinfo-canary").getSpec().getSelector()).isEqualTo(Map.of("component", "web"));
        }

        @Test
        void failsClearlyWhenTheTargetIsMissing() {
            CanarySpec other = ContractSpecs.seed("absent", NS);
            assertThatThrownBy(() -> target().initialize(other)).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("deployment absent (targetRef of canary demo-canary/absent) does not exist");
        }
    }

    @Nested
    class Promote {
        @Test
        void copiesTheNewTemplateAndConfigsIntoThePrimary() {
            DeploymentTarget target = target();
            target.initialize(spec);
            Fixtures.setImage(client, "podinfo", "ghcr.io/stefanprodan/podinfo:6.0.1");
            client.configMaps().inNamespace(NS).withName("podinfo-config").edit(c -> {
                c.setData(Map.of("a", "changed"));
                return c;
            });

            target.promote(spec);

            Deployment primary = deployment("podinfo-primary");
            assertThat(primary.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("ghcr.io/stefanprodan/podinfo:6.0.1");
            assertThat(primary.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app",
                    "podinfo-primary");
            assertThat(primary.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("app", "podinfo-primary"));
            assertThat(client.configMaps().inNamespace(NS).withName("podinfo-config-primary").get().getData())
                    .isEqualTo(Map.of("a", "changed"));
            assertThat(target.status(spec).primaryRevision()).isEqualTo(target.status(spec).revision());
        }

        @Test
        void changesNothingWhenNothingChanged() {
            DeploymentTarget target = target();
            target.initialize(spec);
            Deployment before = deployment("podinfo-primary");

            target.promote(spec);

            Deployment after = deployment("podinfo-primary");
            assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
            assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
            assertThat(after.getSpec().getTemplate()).isEqualTo(before.getSpec().getTemplate());
        }

        @Test
        void addsNoRestartAnnotationOnlyAChecksumOfTheConfigs() {
            DeploymentTarget target = target();
            target.initialize(spec);
            Map<String, String> before = podAnnotations("podinfo-primary");
            publishNewRevision();
            target.promote(spec);
            assertThat(podAnnotations("podinfo-primary")).isEqualTo(before)
                    .containsOnlyKeys("prometheus.io/scrape", "canary.dev/config-checksum");
        }

        @Test
        void rollsThePrimaryPodsWhenOnlyConfigDataChanged() {
            DeploymentTarget target = target();
            target.initialize(spec);
            Deployment before = deployment("podinfo-primary");
            client.resource(Fixtures.secret("podinfo-secret", "rotated")).update();

            target.promote(spec);

            Deployment after = deployment("podinfo-primary");
            assertThat(after.getMetadata().getGeneration()).isGreaterThan(before.getMetadata().getGeneration());
            assertThat(podAnnotations("podinfo-primary").get("canary.dev/config-checksum"))
                    .isNotEqualTo(before.getSpec().getTemplate().getMetadata().getAnnotations()
                            .get("canary.dev/config-checksum"));
            assertThat(after.getSpec().getTemplate().getSpec()).isEqualTo(before.getSpec().getTemplate().getSpec());
            assertThat(client.secrets().inNamespace(NS).withName("podinfo-secret-primary").get().getData())
                    .isEqualTo(Fixtures.secret("x", "rotated").getData());
        }

        @Test
        void retriesWhenAnotherWriterChangedThePrimaryMeanwhile() {
            DeploymentTarget target = target();
            target.initialize(spec);
            publishNewRevision();
            server.expect().put().withPath("/apis/apps/v1/namespaces/" + NS + "/deployments/podinfo-primary")
                    .andReturn(409, new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Failure")
                            .withCode(409).withReason("Conflict").build()).once();

            target.promote(spec);

            assertThat(deployment("podinfo-primary").getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getImage()).isEqualTo("ghcr.io/stefanprodan/podinfo:6.0.1");
        }

        @Test
        void refreshesThePrimaryAutoscaler() {
            client.resource(hpa()).create();
            DeploymentTarget target = KubernetesDeploymentTarget.builder(client).autoscalerRef("podinfo").build();
            target.initialize(spec);
            client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("podinfo").edit(h -> {
                h.getSpec().setMaxReplicas(10);
                return h;
            });
            target.promote(spec);
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
                    .withName("podinfo-primary").get().getSpec().getMaxReplicas()).isEqualTo(10);
        }

        @Test
        void keepsThePrimaryScalerReplicasWhenRefreshing() {
            client.resource(hpa()).create();
            DeploymentTarget target = KubernetesDeploymentTarget.builder(client).autoscalerRef("podinfo")
                    .primaryScalerReplicas(null, 6).build();
            target.initialize(spec);
            client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("podinfo").edit(h -> {
                h.getSpec().setMaxReplicas(10);
                h.getSpec().setMinReplicas(1);
                return h;
            });
            target.promote(spec);
            HorizontalPodAutoscaler primary = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
                    .withName("podinfo-primary").get();
            assertThat(primary.getSpec().getMaxReplicas()).isEqualTo(6);
            assertThat(primary.getSpec().getMinReplicas()).isEqualTo(1);
        }

        @Test
        void failsClearlyBeforeInitialization() {
            assertThatThrownBy(() -> target().promote(spec)).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("podinfo-primary does not exist").hasMessageContaining("initialize");
        }
    }

    @Nested
    class Revert {
        @Test
        void scalesTheTargetUpAndRestoresTheApexSelectorOnceItIsReady() {
            client.resource(new ServiceBuilder().withNewMetadata().withName("podinfo").withNamespace(NS)
                    .endMetadata().withNewSpec().addToSelector("app", "podinfo").addToSelector("tier", "web")
                    .addNewPort().withName("http").withPort(80).endPort().endSpec().build()).create();
            KubernetesDeploymentTarget target = target();
            target.initialize(spec);
            Fixtures.makeAllReady(client);
            target.initialize(spec);
            assertThat(deployment("podinfo").getSpec().getReplicas()).isZero();

            Readiness first = target.revert(spec);
            assertThat(first.state()).isEqualTo(Readiness.State.WAITING);
            assertThat(deployment("podinfo").getSpec().getReplicas()).isEqualTo(2);
            assertThat(service("podinfo").getSpec().getSelector()).isEqualTo(Map.of("app", "podinfo-primary"));

            Fixtures.makeAllReady(client);
            assertThat(target.revert(spec).isReady()).isTrue();
            assertThat(service("podinfo").getSpec().getSelector())
                    .isEqualTo(Map.of("app", "podinfo", "tier", "web"));
            assertThat(service("podinfo").getMetadata().getAnnotations()).doesNotContainKey(
                    "canary.dev/original-selector");
        }

        @Test
        void pointsAGeneratedApexAtTheTargetPods() {
            KubernetesDeploymentTarget target = target();
            target.initialize(spec);
            Fixtures.makeAllReady(client);
            assertThat(target.revert(spec).isReady()).isTrue();
            assertThat(service("podinfo").getSpec().getSelector()).isEqualTo(Map.of("app", "podinfo"));
        }
    }

    static HorizontalPodAutoscaler hpa() {
        return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("podinfo").withNamespace(NS)
                .endMetadata().withNewSpec().withMinReplicas(2).withMaxReplicas(4)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("podinfo")
                .endScaleTargetRef()
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(80).endTarget().endResource().endMetric()
                .endSpec().build();
    }

    @Override
    protected KubernetesDeploymentTarget target() {
        return KubernetesDeploymentTarget.builder(client).build();
    }
}
