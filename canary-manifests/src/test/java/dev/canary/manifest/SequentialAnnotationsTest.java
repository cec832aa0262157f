package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.SequentialSpec;
import dev.canary.testkit.ContractSpecs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SequentialAnnotationsTest {
    static final String MANIFEST = """
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata:
              name: podinfo
              namespace: demo-canary
              annotations:
                sequential.canary.dev/request-success-rate: ""
                sequential.canary.dev/request-duration: >-
                  against=primary, alpha=0.005, maxHold=5m, onUndecided=promote, holdAt=0.3, holdAtPrimary=0
            spec:
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
              service: {port: 80}
              analysis:
                interval: 10s
                threshold: 10
                maxWeight: 50
                stepWeight: 5
                metrics:
                  - name: request-success-rate
                    thresholdRange: {min: 99}
                  - name: request-duration
                    thresholdRange: {max: 500}
            """;

    @Test
    void anAnnotationOptsACheckIntoSequentialJudgementWithItsSettings() {
        CanarySpec spec = CanaryManifests.load(MANIFEST).onlyCanary().spec();
        MetricCheck rate = spec.analysis().metrics().get(0);
        MetricCheck duration = spec.analysis().metrics().get(1);
        assertThat(rate.sequential()).isEqualTo(SequentialSpec.ofDefaults());
        assertThat(duration.sequential()).isEqualTo(SequentialSpec.builder().against(SequentialSpec.Baseline.PRIMARY)
                .alpha(0.005).maxHold(Duration.ofMinutes(5)).onUndecided(SequentialSpec.OnUndecided.PROMOTE).holdAt(0.3)
                .holdAtPrimary(0).build());
    }

    @Test
    void toYamlKeepsTheAnnotationsAndTheSpecLoadsBackEqual() {
        CanarySpec spec = CanaryManifests.load(MANIFEST).onlyCanary().spec();
        String yaml = CanaryManifests.toYaml(spec);
        // the YAML writer may fold a long value; loading it back below checks the whole value
        assertThat(yaml).contains("sequential.canary.dev/request-success-rate: \"\"",
                "sequential.canary.dev/request-duration: \"against=primary, alpha=0.005, maxHold=300s,");
        assertThat(CanaryManifests.load(yaml).onlyCanary().spec()).isEqualTo(spec);
    }

    @Test
    void theMixtureTestAndTheHoldFractionsAreSettingsThatRoundTrip() {
        SequentialSpec s = SequentialAnnotations.parse("sloTest=mixture, holdAt=0.4, holdAtPrimary=0.1");
        assertThat(s).isEqualTo(SequentialSpec.builder().sloTest(SequentialSpec.SloTest.MIXTURE).holdAt(0.4)
                .holdAtPrimary(0.1).build());
        assertThat(SequentialAnnotations.format(s)).isEqualTo("holdAt=0.4, holdAtPrimary=0.1, sloTest=mixture");
        assertThat(SequentialAnnotations.parse(SequentialAnnotations.format(s))).isEqualTo(s);
        assertThatThrownBy(() -> SequentialAnnotations.parse("holdAt=2"))
                .hasMessageContaining("holdAt must be between 0 and 1 but was 2.0");
    }

    @Test
    void aSpecWithoutSequentialChecksHasNoAnnotations() {
        assertThat(CanaryManifests.toYaml(ContractSpecs.seed())).doesNotContain("annotations");
    }

    @Test
    void rejectsAnAnnotationForAnUnknownCheckOrWithABadSetting() {
        String unknown = MANIFEST.replace("sequential.canary.dev/request-success-rate", "sequential.canary.dev/errors");
        assertThatThrownBy(() -> CanaryManifests.load(unknown).onlyCanary())
                .hasMessageContaining("names no metric check of the analysis");
        String bad = MANIFEST.replace("alpha=0.005", "alpha=lots");
        assertThatThrownBy(() -> CanaryManifests.load(bad).onlyCanary())
                .hasMessageContaining("setting alpha must be a number but was 'lots'");
    }
}
