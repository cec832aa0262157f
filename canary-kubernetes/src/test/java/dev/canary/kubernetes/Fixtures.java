package dev.canary.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Kubernetes objects for the tests, and stand-ins for what the Deployment controller would do. */
final class Fixtures {
    static final String NS = "demo-canary";
    static final String IMAGE = "ghcr.io/stefanprodan/podinfo:6.0.0";

    private Fixtures() {
    }

    /** {@code name} with {@code app: name}, one container, no config references. */
    static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas).withMinReadySeconds(5).withProgressDeadlineSeconds(60)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewStrategy().withType("RollingUpdate").endStrategy()
                    .withNewTemplate()
                        .withNewMetadata().addToLabels("app", name).addToLabels("team", "web")
                            .addToAnnotations("prometheus.io/scrape", "true").endMetadata()
                        .withNewSpec().addNewContainer().withName(name).withImage(IMAGE)
                            .addNewPort().withName("http").withContainerPort(9898).endPort().endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    /**
     * {@code name} referencing ConfigMap {@code name-config} (volume), {@code name-env} (envFrom, init
     * container) and Secret {@code name-secret} (env valueFrom, projected volume).
     */
    static Deployment deploymentWithConfigs(String name, int replicas) {
        return new DeploymentBuilder(deployment(name, replicas)).editSpec().editTemplate().editSpec()
                .addNewVolume().withName("config").withNewConfigMap().withName(name + "-config").endConfigMap()
                    .endVolume()
                .addNewVolume().withName("creds").withNewProjected().addNewSource().withNewSecret()
                    .withName(name + "-secret").endSecret().endSource().endProjected().endVolume()
                .editFirstContainer().addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef()
                    .withName(name + "-secret").withKey("token").endSecretKeyRef().endValueFrom().endEnv()
                    .endContainer()
                .addNewInitContainer().withName("init").withImage("busybox").addNewEnvFrom().withNewConfigMapRef()
                    .withName(name + "-env").endConfigMapRef().endEnvFrom().endInitContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withData(data).build();
    }

    static Secret secret(String name, String token) {
        String encoded = Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withType("Opaque").withData(Map.of("token", encoded)).build();
    }

    /** Creates {@code name} with its three configs. */
    static Deployment createWithConfigs(KubernetesClient client, String name, int replicas) {
        client.resource(configMap(name + "-config", Map.of("a", "1", "b", "2"))).create();
        client.resource(configMap(name + "-env", Map.of("MODE", "prod"))).create();
        client.resource(secret(name + "-secret", "s3cr3t")).create();
        return client.resource(deploymentWithConfigs(name, replicas)).create();
    }

    static Deployment get(KubernetesClient client, String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    /** What the Deployment controller reports once every replica of every Deployment is updated and available. */
    static void makeAllReady(KubernetesClient client) {
        client.apps().deployments().inNamespace(NS).list().getItems()
                .forEach(d -> setStatus(client, d.getMetadata().getName(), d.getSpec().getReplicas(),
                        d.getSpec().getReplicas(), null));
    }

    static void setStatus(KubernetesClient client, String name, int updated, int available,
            @Nullable DeploymentCondition condition) {
        editStatus(client, name, d -> {
            DeploymentStatusBuilder status = new DeploymentStatusBuilder()
                    .withObservedGeneration(d.getMetadata().getGeneration()).withReplicas(updated)
                    .withUpdatedReplicas(updated).withAvailableReplicas(available).withReadyReplicas(available);
            if (condition != null) {
                status.withConditions(condition);
            }
            d.setStatus(status.build());
            return d;
        });
    }

    static void editStatus(KubernetesClient client, String name, UnaryOperator<Deployment> edit) {
        client.apps().deployments().inNamespace(NS).withName(name).editStatus(edit);
    }

    static DeploymentCondition deadlineExceeded() {
        return new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet podinfo-5d8 has timed out progressing.")
                .build();
    }

    /** Changes the image of the target, as a user's deploy does. */
    static void setImage(KubernetesClient client, String name, String image) {
        client.apps().deployments().inNamespace(NS).withName(name).edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return d;
        });
    }
}
