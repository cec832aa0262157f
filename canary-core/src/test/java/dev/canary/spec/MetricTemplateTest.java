package dev.canary.spec;

import static org.assertj.core.api.Assertions.assertThat;

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
    void makesAPrometheusTemplateForTheProvidersOwnServer() {
        MetricTemplate t = MetricTemplate.prometheus("ops", "errors", "sum(up)");

        assertThat(t.provider()).isEqualTo(new MetricTemplate.Provider("prometheus", null, Map.of(), null, false));
        assertThat(t.query()).isEqualTo("sum(up)");
    }

    @Test
    void copiesWithAnotherServerAndHeaders() {
        MetricTemplate t = MetricTemplate.prometheus("ops", "errors", "sum(up)")
                .withAddress("https://thanos:9090", Map.of("Authorization", "Bearer t"));

        assertThat(t.provider().address()).isEqualTo("https://thanos:9090");
        assertThat(t.provider().headers()).containsExactly(Map.entry("Authorization", List.of("Bearer t")));
        assertThat(t.ref()).isEqualTo(new ObjectRef("errors", "ops"));
    }

    @Test
    void isReferredToByNameAndNamespace() {
        assertThat(new MetricTemplate("errors", "ops", provider, "up").ref()).isEqualTo(new ObjectRef("errors", "ops"));
    }
}
