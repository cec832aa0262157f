package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.ProviderFactory;
import dev.canary.spi.RunLease;
import dev.canary.spi.StateStore;
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
                    .hasMessage("conflictAttempts must be a whole number of at least 1 but was 'zero'");
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
