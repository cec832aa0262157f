package dev.canary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TemplateSettingsTest {
    private final MetricTemplate plain = MetricTemplate.prometheus("test", "errors", "sum(up)");
    private final MetricTemplate remote = new MetricTemplate("latency.p99", "ops", new MetricTemplate.Provider(
            "prometheus", "https://thanos:9090", Map.of("X-Scope-OrgID", List.of("tenant-1")), "thanos-auth", true),
            "histogram_quantile(0.99, x)");

    @Nested
    class Writing {
        @Test
        void numbersTheTemplatesAndPrefixesEveryField() {
            assertThat(TemplateSettings.of(List.of(plain, remote))).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                    Map.entry("template.0.name", "errors"), Map.entry("template.0.namespace", "test"),
                    Map.entry("template.0.query", "sum(up)"), Map.entry("template.0.type", "prometheus"),
                    Map.entry("template.1.name", "latency.p99"), Map.entry("template.1.namespace", "ops"),
                    Map.entry("template.1.query", "histogram_quantile(0.99, x)"),
                    Map.entry("template.1.type", "prometheus"), Map.entry("template.1.address", "https://thanos:9090"),
                    Map.entry("template.1.secretRef", "thanos-auth"),
                    Map.entry("template.1.insecureSkipVerify", "true"),
                    Map.entry("template.1.header.X-Scope-OrgID", "tenant-1")));
        }

        @Test
        void writesCountQueriesAndReadsThemBack() {
            MetricTemplate counted = plain.withCounts(new MetricTemplate.Counts("sum(increase(r[{{ window }}]))",
                    "sum(increase(f[{{ window }}]))", "sum by (le) (increase(b[{{ window }}]))"));
            Map<String, String> settings = TemplateSettings.of(List.of(counted, plain));
            assertThat(settings).containsEntry("template.0.counts.requests", "sum(increase(r[{{ window }}]))")
                    .containsEntry("template.0.counts.failures", "sum(increase(f[{{ window }}]))")
                    .containsEntry("template.0.counts.buckets", "sum by (le) (increase(b[{{ window }}]))")
                    .doesNotContainKey("template.1.counts.requests");
            assertThat(TemplateSettings.read(settings)).containsExactly(counted, plain);
        }

        @Test
        void refusesCountQueriesWithoutFailures() {
            Map<String, String> settings = new java.util.HashMap<>(TemplateSettings.of(List.of(plain)));
            settings.put("template.0.counts.requests", "sum(r)");
            assertThatThrownBy(() -> TemplateSettings.read(settings)).hasMessageContaining(
                    "template.0.counts.failures must be a query but was 'null'");
        }

        @Test
        void giveNothingForNoTemplates() {
            assertThat(TemplateSettings.of(List.of())).isEmpty();
        }
    }

    @Nested
    class Reading {
        @Test
        void readsBackWhatWasWrittenIgnoringOtherKeys() {
            Map<String, String> settings = new java.util.HashMap<>(TemplateSettings.of(List.of(plain, remote)));
            settings.put("address", "http://prometheus:9090");

            assertThat(TemplateSettings.read(settings)).containsExactly(plain, remote);
        }

        @Test
        void ordersByNumberNotByText() {
            Map<String, String> settings = Map.of("template.10.name", "b", "template.10.namespace", "ns",
                    "template.10.query", "up", "template.9.name", "a", "template.9.namespace", "ns",
                    "template.9.query", "up");

            assertThat(TemplateSettings.read(settings)).extracting(MetricTemplate::name).containsExactly("a", "b");
        }

        @Test
        void defaultsTheTypeToPrometheus() {
            assertThat(TemplateSettings.read(Map.of("template.0.name", "a", "template.0.namespace", "ns",
                    "template.0.query", "up"))).containsExactly(MetricTemplate.prometheus("ns", "a", "up"));
        }

        @Test
        void reportsEveryProblemAtOnce() {
            Map<String, String> settings = Map.of("template.x.name", "a", "template.0.colour", "red",
                    "template.0.name", "a", "template.1.name", "b", "template.1.namespace", "ns",
                    "template.1.query", "up", "template.1.insecureSkipVerify", "yes");

            assertThatThrownBy(() -> TemplateSettings.read(settings))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'template.x.name' is not a template setting")
                    .hasMessageContaining("'template.0.colour' is not a template setting")
                    .hasMessageContaining("template.0.namespace, template.0.query are required")
                    .hasMessageContaining("template.1.insecureSkipVerify must be true or false but was 'yes'");
        }

        @Test
        void tellsTemplateKeysApart() {
            assertThat(TemplateSettings.isTemplateKey("template.0.name")).isTrue();
            assertThat(TemplateSettings.isTemplateKey("address")).isFalse();
        }
    }
}
