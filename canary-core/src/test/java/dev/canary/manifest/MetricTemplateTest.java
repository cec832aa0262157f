package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.ObjectRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricTemplateTest {
    private final MetricTemplate.Provider provider = new MetricTemplate.Provider("prometheus", "http://prom:9090",
            Map.of("Authorization", List.of("Bearer s3cr3t")), "prom-auth", true);

    @Test
    void neverPrintsHeaderValues() {
        assertThat(provider.toString()).doesNotContain("s3cr3t").contains("headers=[Authorization]")
                .contains("secretRef=prom-auth");
    }

    @Test
    void givesSettingsForTheMetricsProvider() {
        assertThat(provider.settings()).containsExactlyInAnyOrderEntriesOf(Map.of("address", "http://prom:9090",
                "secretRef", "prom-auth", "insecureSkipVerify", "true", "header.Authorization", "Bearer s3cr3t"));
    }

    @Test
    void isReferredToByNameAndNamespace() {
        assertThat(new MetricTemplate("errors", "ops", provider, "up").ref()).isEqualTo(new ObjectRef("errors", "ops"));
    }
}
