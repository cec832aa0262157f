package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import org.junit.jupiter.api.Test;

class ManifestSetTest {
    private static final String TEMPLATE = """
            apiVersion: flagger.app/v1beta1
            kind: MetricTemplate
            metadata: {name: errors}
            spec: {provider: {type: prometheus}, query: up}
            """;

    @Test
    void onlyCanaryRefusesAnInputWithoutCanaries() {
        ManifestSet set = CanaryManifests.load(TEMPLATE);

        assertThat(Fixtures.problem(set::onlyCanary).message()).isEqualTo("expected exactly one Canary but found 0");
    }

    @Test
    void onlyCanaryRefusesSeveralAndNamesThem() {
        ManifestSet set = CanaryManifests.load(Fixtures.canary("") + "---\n" + Fixtures.canary("")
                .replace("name: podinfo\n  namespace", "name: other\n  namespace"));

        assertThat(Fixtures.problem(set::onlyCanary).message())
                .isEqualTo("expected exactly one Canary but found 2: [test/podinfo, test/other]; use canary(name)");
    }

    @Test
    void findsTemplatesInTheDefaultNamespaceWhenTheRefHasNone() {
        ManifestSet set = CanaryManifests.load(TEMPLATE);

        assertThat(set.metricTemplate(ObjectRef.of("errors"))).isPresent();
        assertThat(set.metricTemplate(new ObjectRef("errors", "default"))).isPresent();
        assertThat(set.metricTemplate(new ObjectRef("errors", "other"))).isEmpty();
        assertThat(set.alertProvider(ObjectRef.of("errors"))).isEmpty();
        assertThat(set.canaries()).isEmpty();
    }
}
