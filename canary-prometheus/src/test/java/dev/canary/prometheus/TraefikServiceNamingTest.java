package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.ServiceSpec;
import dev.canary.spec.TargetRef;
import dev.canary.spi.MetricQuery.Subject;
import dev.canary.testkit.ContractSpecs;
import org.junit.jupiter.api.Test;

class TraefikServiceNamingTest {
    /** The target and the service have different names (Flagger #1767). */
    private static final CanarySpec SPEC = ContractSpecs.seed().toBuilder()
            .targetRef(TargetRef.deployment("podinfo-v2"))
            .service(ServiceSpec.of("web", 8080))
            .build();

    @Test
    void kubernetesCrdNamesFollowTheServiceNameAndPortNotTheTarget() {
        assertThat(TraefikServiceNaming.KUBERNETES_CRD.serviceName(SPEC, Subject.CANARY))
                .isEqualTo("demo-canary-web-canary-8080@kubernetescrd");
        assertThat(TraefikServiceNaming.KUBERNETES_CRD.serviceName(SPEC, Subject.PRIMARY))
                .isEqualTo("demo-canary-web-primary-8080@kubernetescrd");
    }

    @Test
    void fileNamesAreTheServiceKeysOfTheFileProvider() {
        assertThat(TraefikServiceNaming.FILE.serviceName(SPEC, Subject.CANARY)).isEqualTo("web-canary@file");
        assertThat(TraefikServiceNaming.FILE.serviceName(SPEC, Subject.PRIMARY)).isEqualTo("web-primary@file");
    }

    @Test
    void settingsSelectANamingCaseInsensitively() {
        assertThat(TraefikServiceNaming.fromSetting("File")).isEqualTo(TraefikServiceNaming.FILE);
        assertThat(TraefikServiceNaming.fromSetting("kubernetescrd")).isEqualTo(TraefikServiceNaming.KUBERNETES_CRD);
        assertThatThrownBy(() -> TraefikServiceNaming.fromSetting("crd"))
                .hasMessage("traefikNaming must be 'kubernetescrd' or 'file' but was 'crd'");
    }
}
