package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.TemplateSettings;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.ProviderConfig;
import dev.canary.testkit.ContractSpecs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the provider accepts of the manifest layer's {@link MetricTemplate}s, from the builder and the factory. */
class TemplatesTest {
    private static MetricTemplate template(String name, String namespace, String query, MetricTemplate.Provider p) {
        return new MetricTemplate(name, namespace, p, query);
    }

    private static MetricTemplate.Provider provider(String type, String address, Map<String, List<String>> headers,
            String secretRef, boolean insecure) {
        return new MetricTemplate.Provider(type, address, headers, secretRef, insecure);
    }

    @Nested
    class Builder {
        @Test
        void reportsEveryProblemOfEveryTemplateAtOnce() {
            assertThatThrownBy(() -> PrometheusMetricsProvider.builder()
                    .template(template("Bad_Name", "ns x", " ", provider("datadog", "not a url", Map.of(), null,
                            false)))
                    .template(template("t", "ns", "up", provider("prometheus", null, Map.of("X", List.of("y")),
                            "prom-auth", true)))
                    .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("metric template ns x/Bad_Name: its provider type is 'datadog' but this "
                            + "provider answers only 'prometheus' templates")
                    .hasMessageContaining("name must be a Kubernetes name")
                    .hasMessageContaining("namespace must be a Kubernetes name")
                    .hasMessageContaining("query must not be blank")
                    .hasMessageContaining("address must be an http(s) URL without credentials but was 'not a url'")
                    .hasMessageContaining("metric template ns/t: headers are only sent to a template's own address")
                    .hasMessageContaining("insecureSkipVerify applies to a template's own address")
                    .hasMessageContaining("secretRef 'prom-auth' names a Kubernetes Secret, which this provider "
                            + "does not read");
        }

        @Test
        void refusesCredentialsInATemplateAddressWithoutShowingThem() {
            assertThatThrownBy(() -> PrometheusMetricsProvider.builder()
                    .template(MetricTemplate.prometheus("ns", "t", "up").withAddress("http://u:hunter22@h:9090",
                            Map.of())).build())
                    .hasMessageContaining("without credentials");
        }

        @Test
        void refusesATemplateRegisteredTwice() {
            MetricTemplate t = MetricTemplate.prometheus("ns", "t", "up");
            assertThatThrownBy(() -> PrometheusMetricsProvider.builder().templates(List.of(t, t)).build())
                    .hasMessageContaining("metric template ns/t is registered twice");
        }

        @Test
        void neverShowsTemplateHeaderValues() {
            MetricTemplate t = MetricTemplate.prometheus("ns", "t", "up").withAddress("http://thanos:9090",
                    Map.of("Authorization", "Bearer s3cr3t"));
            try (PrometheusMetricsProvider provider = PrometheusMetricsProvider.builder().template(t).build()) {
                assertThat(provider.toString()).contains("templates=1").doesNotContain("s3cr3t");
            }
        }
    }

    @Nested
    class Factory {
        private final PrometheusMetricsProviderFactory factory = new PrometheusMetricsProviderFactory();

        @Test
        void readsTheTemplatesOfTheSettings() {
            MetricTemplate errors = MetricTemplate.prometheus("demo-canary", "errors",
                    "sum(rate(errors{namespace=\"{{ namespace }}\"}[{{ interval }}]))");
            Map<String, String> settings = new HashMap<>(TemplateSettings.of(List.of(errors)));
            settings.put("address", "http://prometheus.monitoring:9090");

            try (PrometheusMetricsProvider provider = factory.create(ProviderConfig.of(settings))) {
                MetricCheck check = MetricCheck.builder("errors").templateRef(ObjectRef.of("errors")).build();
                assertThat(provider.queriesFor(MetricQuery.canary(ContractSpecs.seed(), check)))
                        .containsExactly("sum(rate(errors{namespace=\"demo-canary\"}[1m]))");
                assertThat(provider.toString()).contains("templates=1");
            }
        }

        @Test
        void reportsBadTemplateSettingsWithTheOtherProblems() {
            assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("template.1.colour", "red",
                    "bogus", "1"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown setting 'bogus'")
                    .hasMessageContaining("'template.1.colour' is not a template setting");
        }

        @Test
        void refusesATemplateWithASecretRefSayingWhatToDoInstead() {
            assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("template.0.name", "t",
                    "template.0.namespace", "ns", "template.0.query", "up", "template.0.secretRef", "auth"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("secretRef 'auth' names a Kubernetes Secret, which this provider does not "
                            + "read; give the credentials as template headers instead");
        }
    }
}
