package dev.canary.examples;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fabric8 mock API server in CRUD mode, standing in for the cluster of the current kubeconfig context, on
 * 127.0.0.1. There is one per test JVM: the {@code kubernetes} providers created by name share one process-wide
 * client, configured once from the system properties this class sets ({@code kubernetes.master}, no kubeconfig,
 * no service account), so every test that selects them by name must use this server. {@link #reset()} empties it.
 *
 * <p>It also plays the Deployment controller and the kubelet ({@link #markDeploymentsReady()}), and sets up the
 * seed's workload ({@link #createPodinfo(String)}).
 */
final class MockCluster {
    static final String NAMESPACE = "demo-canary";
    static final String V1 = "ghcr.io/stefanprodan/podinfo:6.0.0";
    static final String V2 = "ghcr.io/stefanprodan/podinfo:6.0.1";
    static final ResourceDefinitionContext TRAEFIK_SERVICE = new ResourceDefinitionContext.Builder()
            .withGroup("traefik.io").withVersion("v1alpha1").withKind("TraefikService").withPlural("traefikservices")
            .withNamespaced(true).build();

    private static MockCluster shared;

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        System.setProperty("kubernetes.master", "http://127.0.0.1:" + server.getPort());
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        client = server.createClient();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "mock-cluster-stop"));
    }

    /** The server of this JVM, started on first use. */
    static synchronized MockCluster shared() {
        if (shared == null) {
            shared = new MockCluster();
        }
        return shared;
    }

    /** A client of the test's own, for setting up and inspecting the cluster. */
    KubernetesClient client() {
        return client;
    }

    /** Deletes every stored object. */
    void reset() {
        server.reset();
    }

    /**
     * Creates the seed's workload in {@value #NAMESPACE}: ConfigMap {@code podinfo-config} and Deployment
     * {@code podinfo} (2 replicas of {@code image}, label {@code app: podinfo}, the ConfigMap mounted).
     */
    void createPodinfo(String image) {
        ConfigMap config = new ConfigMapBuilder().withNewMetadata().withName("podinfo-config")
                .withNamespace(NAMESPACE).endMetadata().withData(Map.of("PODINFO_UI_COLOR", "#34577c")).build();
        Deployment podinfo = new DeploymentBuilder()
                .withNewMetadata().withName("podinfo").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(2).withProgressDeadlineSeconds(60)
                    .withNewSelector().addToMatchLabels("app", "podinfo").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "podinfo").endMetadata()
                        .withNewSpec().addNewContainer().withName("podinfod").withImage(image)
                            .addNewPort().withName("http").withContainerPort(9898).endPort()
                            .addNewEnvFrom().withNewConfigMapRef().withName("podinfo-config").endConfigMapRef()
                            .endEnvFrom().endContainer()
                        .endSpec().endTemplate()
                .endSpec().build();
        client.resource(config).create();
        client.resource(podinfo).create();
    }

    /** Changes the image of Deployment {@code name}, as a user's deploy does. */
    void setImage(String name, String image) {
        client.apps().deployments().inNamespace(NAMESPACE).withName(name).edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return d;
        });
    }

    /**
     * What the Deployment controller and the kubelet report once they are done: every Deployment's replicas
     * updated and available, for its current generation. Writes only the statuses that change.
     */
    void markDeploymentsReady() {
        for (Deployment d : client.apps().deployments().inNamespace(NAMESPACE).list().getItems()) {
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            DeploymentStatus ready = new DeploymentStatusBuilder()
                    .withObservedGeneration(d.getMetadata().getGeneration()).withReplicas(replicas)
                    .withUpdatedReplicas(replicas).withAvailableReplicas(replicas).withReadyReplicas(replicas)
                    .build();
            if (!ready.equals(d.getStatus())) {
                client.apps().deployments().inNamespace(NAMESPACE).withName(d.getMetadata().getName())
                        .editStatus(current -> {
                            current.setStatus(ready);
                            return current;
                        });
            }
        }
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    }

    Optional<GenericKubernetesResource> traefikService(String name) {
        return Optional.ofNullable(client.genericKubernetesResources(TRAEFIK_SERVICE).inNamespace(NAMESPACE)
                .withName(name).get());
    }

    /** The weight of each service of TraefikService {@code name}'s {@code spec.weighted}; empty when absent. */
    @SuppressWarnings("unchecked")
    Map<String, Integer> traefikWeights(String name) {
        Map<String, Integer> weights = new java.util.LinkedHashMap<>();
        traefikService(name).ifPresent(ts -> {
            Map<String, Object> spec = (Map<String, Object>) ts.getAdditionalProperties().get("spec");
            Map<String, Object> weighted = (Map<String, Object>) spec.get("weighted");
            for (Map<String, Object> service : (List<Map<String, Object>>) weighted.get("services")) {
                weights.put((String) service.get("name"), ((Number) service.get("weight")).intValue());
            }
        });
        return weights;
    }
}
