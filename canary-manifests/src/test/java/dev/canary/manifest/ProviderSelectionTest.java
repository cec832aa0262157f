package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.MetricTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSelectionTest {
    @Test
    void aChoiceGivesAProviderConfigAndHidesSecretsWhenPrinted() {
        ProviderSelection.Choice choice = new ProviderSelection.Choice("prometheus",
                Map.of("address", "http://prom:9090", "token", "s3cr3t"));

        assertThat(choice.config().get("token")).contains("s3cr3t");
        assertThat(choice).hasToString("prometheus{address=http://prom:9090, token=***}");
    }

    @Test
    void neverPrintsHeaderValuesOfTheProviderOrOfTemplates() {
        ProviderSelection.Choice choice = new ProviderSelection.Choice("prometheus", Map.of(
                "header.X-Scope-OrgID", "tenant-1", "template.0.header.X-Org", "org-7", "template.0.name", "errors"));

        assertThat(choice).hasToString("prometheus{header.X-Scope-OrgID=***, template.0.header.X-Org=***, "
                + "template.0.name=errors}");
    }

    @Test
    void addsTemplatesToTheMetricsProviderKeepingItsSettings() {
        ProviderSelection selection = new ProviderSelection(null, new ProviderSelection.Choice("prometheus",
                Map.of("address", "http://prom:9090")), new ProviderSelection.Choice("kubernetes", Map.of()));

        ProviderSelection with = selection.withMetricTemplates(List.of(MetricTemplate.prometheus("ns", "a", "up")));

        assertThat(with.metrics().settings()).containsEntry("address", "http://prom:9090")
                .containsEntry("template.0.name", "a").containsEntry("template.0.query", "up");
        assertThat(selection.withMetricTemplates(List.of())).isSameAs(selection);
    }

    @Test
    void choosesPrometheusForTemplatesWhenNoMetricsProviderWasChosen() {
        ProviderSelection selection = new ProviderSelection(null, null,
                new ProviderSelection.Choice("kubernetes", Map.of()));

        assertThat(selection.withMetricTemplates(List.of(MetricTemplate.prometheus("ns", "a", "up"))).metrics())
                .extracting(ProviderSelection.Choice::name).isEqualTo("prometheus");
    }

    @Test
    void namesTheFactoriesFlaggersFieldsMapTo() {
        assertThat(ProviderSelection.PROMETHEUS).isEqualTo("prometheus");
        assertThat(ProviderSelection.KUBERNETES).isEqualTo("kubernetes");
    }
}
