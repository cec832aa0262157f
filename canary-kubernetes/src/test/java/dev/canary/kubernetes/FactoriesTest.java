package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.ProviderFactory;
import dev.canary.spi.RunLease;
import dev.canary.spi.StateStore;
import dev.canary.spi.TrafficRouter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The three factories: found through ServiceLoader by the name {@code kubernetes}, settings parsed. */
@EnableKubernetesMockClient(crud = true, https = false)
class FactoriesTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private static ProviderFactory<?> only(Class<? extends ProviderFactory<?>> type) {
        return ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("kubernetes")).findFirst().orElseThrow();
    }

    @Test
    void everyFactoryIsRegisteredAsKubernetes() {
        assertThat(only(DeploymentTarget.Factory.class)).isInstanceOf(KubernetesDeploymentTargetFactory.class);
        assertThat(only(StateStore.Factory.class)).isInstanceOf(KubernetesStateStoreFactory.class);
        assertThat(only(RunLease.Factory.class)).isInstanceOf(KubernetesLeaseFactory.class);
        assertThat(only(TrafficRouter.Factory.class)).isInstanceOf(KubernetesRouterFactory.class);
    }

    @Nested
    class Target {
        @Test
        void readsItsSettings() {
            KubernetesDeploymentTarget target = KubernetesDeploymentTargetFactory.builder(ProviderConfig.of(Map.of(
                    "autoscalerRef", "podinfo", "selectorLabels", "component, app", "conflictAttempts", "3")),
                    client).build();
            assertThat(target).hasToString(
                    "KubernetesDeploymentTarget[autoscalerRef=podinfo, selectorLabels=[component, app]]");
        }

        @Test
        void defaultsWithoutSettings() {
            assertThat(KubernetesDeploymentTargetFactory.builder(ProviderConfig.EMPTY, client).build()).hasToString(
                    "KubernetesDeploymentTarget[autoscalerRef=null, "
                    + "selectorLabels=[app, name, app.kubernetes.io/name]]");
        }

        @Test
        void rejectsABadAttemptCountNamingTheSetting() {
            assertThatThrownBy(() -> KubernetesDeploymentTargetFactory.builder(
                    ProviderConfig.of(Map.of("conflictAttempts", "zero")), client))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid kubernetes target settings: conflictAttempts must be a whole number of at "
                            + "least 1 but was 'zero'");
        }

        @Test
        void acceptsEverySettingAFlaggerManifestGives() {
            Map<String, String> manifest = Map.of("targetRef.apiVersion", "apps/v1", "targetRef.kind", "Deployment",
                    "targetRef.name", "podinfo", "autoscalerRef.apiVersion", "autoscaling/v2",
                    "autoscalerRef.kind", "HorizontalPodAutoscaler", "autoscalerRef.name", "podinfo-hpa",
                    "autoscalerRef.primaryScalerReplicas.minReplicas", "2",
                    "autoscalerRef.primaryScalerReplicas.maxReplicas", "8");

            KubernetesDeploymentTarget target = KubernetesDeploymentTargetFactory.builder(
                    ProviderConfig.of(manifest), client).build();

            assertThat(target.toString()).contains("autoscalerRef=podinfo-hpa");
        }

        @Test
        void reportsEveryUnknownOrWrongSettingAtOnce() {
            assertThatThrownBy(() -> KubernetesDeploymentTargetFactory.builder(ProviderConfig.of(Map.of(
                    "targetRef.kind", "DaemonSet", "autoscalerRef.kind", "ScaledObject", "autoscalerRef.apiVersion",
                    "keda.sh/v1alpha1", "autoscalerRef", "a", "autoscalerRef.name", "b",
                    "autoscalerRef.primaryScalerReplicas.minReplicas", "0", "autoscalerRf", "x")), client))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown setting 'autoscalerRf'; known settings: [autoscalerRef, ")
                    .hasMessageContaining("targetRef.kind must be 'Deployment' (the kubernetes target releases "
                            + "Deployments only) but was 'DaemonSet'")
                    .hasMessageContaining("autoscalerRef.kind must be 'HorizontalPodAutoscaler'")
                    .hasMessageContaining("autoscalerRef.apiVersion must be an autoscaling version")
                    .hasMessageContaining("autoscalerRef 'a' and autoscalerRef.name 'b' name different autoscalers")
                    .hasMessageContaining("autoscalerRef.primaryScalerReplicas.minReplicas must be a whole number of "
                            + "at least 1 but was '0'");
        }

        @Test
        void needsAnAutoscalerForPrimaryScalerReplicas() {
            assertThatThrownBy(() -> KubernetesDeploymentTargetFactory.builder(ProviderConfig.of(Map.of(
                    "autoscalerRef.primaryScalerReplicas.maxReplicas", "3")), client))
                    .hasMessageContaining("need an autoscaler: set autoscalerRef.name");
        }
    }

    @Nested
    class Lease {
        @Test
        void readsItsSettings() {
            KubernetesLease lease = KubernetesLeaseFactory.builder(ProviderConfig.of(Map.of("identity", "pod-1",
                    "leaseDuration", "30s", "safetyMargin", "3s", "namePrefix", "lock-")), client).build();
            assertThat(lease.identity()).isEqualTo("pod-1");
            assertThat(lease.leaseName("demo/podinfo")).isEqualTo("lock-podinfo");
            assertThat(lease).hasToString("KubernetesLease[identity=pod-1, leaseDuration=" + Duration.ofSeconds(30)
                    + ", safetyMargin=" + Duration.ofSeconds(3) + "]");
        }

        @Test
        void rejectsABadDurationNamingTheSetting() {
            assertThatThrownBy(() -> KubernetesLeaseFactory.builder(
                    ProviderConfig.of(Map.of("leaseDuration", "soon")), client))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("leaseDuration");
        }
    }
}
