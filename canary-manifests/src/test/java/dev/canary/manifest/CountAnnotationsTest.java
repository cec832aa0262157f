package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.MetricTemplate;
import dev.canary.spec.TemplateSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountAnnotationsTest {
    static final String TEMPLATE = """
            apiVersion: flagger.app/v1beta1
            kind: MetricTemplate
            metadata:
              name: error-rate
              namespace: demo-canary
              annotations:
                sequential.canary.dev/requests: sum(increase(http_requests_total{app="{{ target }}"}[{{ window }}]))
                sequential.canary.dev/failures: >-
                  sum(increase(http_requests_total{app="{{ target }}",code=~"5.."}[{{ window }}]))
            spec:
              provider:
                type: prometheus
                address: http://prometheus:9090
              query: sum(rate(http_requests_total{app="{{ target }}",code=~"5.."}[{{ interval }}]))
            """;

    static MetricTemplate load(String text) {
        return CanaryManifests.load(text).metricTemplates().get(0);
    }

    @Test
    void aMetricTemplateNamesItsCountQueriesInAnnotations() {
        MetricTemplate t = load(TEMPLATE);
        assertThat(t.counts()).isEqualTo(new MetricTemplate.Counts(
                "sum(increase(http_requests_total{app=\"{{ target }}\"}[{{ window }}]))",
                "sum(increase(http_requests_total{app=\"{{ target }}\",code=~\"5..\"}[{{ window }}]))", null));
        assertThat(t.query()).startsWith("sum(rate(");
    }

    @Test
    void bucketsAreOptionalAndATemplateWithoutAnnotationsHasNoCounts() {
        String withBuckets = TEMPLATE.replace("    sequential.canary.dev/failures:", "    sequential.canary.dev/buckets: "
                + "sum by (le) (increase(d_bucket[{{ window }}]))\n    sequential.canary.dev/failures:");
        assertThat(load(withBuckets).counts().buckets()).isEqualTo("sum by (le) (increase(d_bucket[{{ window }}]))");
        String plain = TEMPLATE.replaceAll("(?s)  annotations:.*?\nspec:", "spec:");
        assertThat(load(plain).counts()).isNull();
    }

    @Test
    void toYamlKeepsTheCountQueriesAndTheTemplateLoadsBackEqual() {
        MetricTemplate t = load(TEMPLATE.replace("    sequential.canary.dev/failures:", "    sequential.canary.dev/buckets: "
                + "sum by (le) (increase(d_bucket[{{ window }}]))\n    sequential.canary.dev/failures:"));
        String yaml = CanaryManifests.toYaml(t);
        assertThat(yaml).contains("kind: MetricTemplate", "sequential.canary.dev/requests:",
                "sequential.canary.dev/buckets:");
        assertThat(load(yaml)).isEqualTo(t);
        MetricTemplate plain = MetricTemplate.prometheus("ops", "up", "sum(up)");
        assertThat(CanaryManifests.toYaml(plain)).doesNotContain("annotations");
        assertThat(load(CanaryManifests.toYaml(plain))).isEqualTo(plain);
    }

    @Test
    void theCountQueriesReachAProviderChosenByName() {
        MetricTemplate t = load(TEMPLATE);
        assertThat(TemplateSettings.read(TemplateSettings.of(List.of(t)))).containsExactly(t);
    }

    @Test
    void rejectsAnUnknownCountQueryAndRequestsWithoutFailures() {
        String unknown = TEMPLATE.replace("sequential.canary.dev/failures", "sequential.canary.dev/failure");
        assertThatThrownBy(() -> CanaryManifests.load(unknown)).hasMessageContaining("unknown count query")
                .hasMessageContaining("sequential.canary.dev/failures");
        String alone = TEMPLATE.replaceAll("(?s)    sequential.canary.dev/failures:.*?\nspec:", "spec:");
        assertThatThrownBy(() -> CanaryManifests.load(alone))
                .hasMessageContaining("is required when a MetricTemplate names count queries");
    }
}
