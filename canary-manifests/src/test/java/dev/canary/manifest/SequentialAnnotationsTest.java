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
    void aWatchBetweenTicksIsASettingThatRoundTripsAndMustBeShorterThanTheInterval() {
        SequentialSpec s = SequentialAnnotations.parse("watch=2s");
        assertThat(s).isEqualTo(SequentialSpec.builder().watch(Duration.ofSeconds(2)).build());
        assertThat(SequentialAnnotations.format(s)).isEqualTo("watch=2000ms");
        assertThat(SequentialAnnotations.parse(SequentialAnnotations.format(s))).isEqualTo(s);

        String watching = MANIFEST.replace("sequential.canary.dev/request-success-rate: \"\"",
                "sequential.canary.dev/request-success-rate: \"watch=2s\"");
        CanarySpec spec = CanaryManifests.load(watching).onlyCanary().spec();
        assertThat(spec.analysis().metrics().get(0).sequential().watch()).isEqualTo(Duration.ofSeconds(2));
        assertThat(CanaryManifests.load(CanaryManifests.toYaml(spec)).onlyCanary().spec()).isEqualTo(spec);

        String tooSlow = MANIFEST.replace("sequential.canary.dev/request-success-rate: \"\"",
                "sequential.canary.dev/request-success-rate: \"watch=10s\"");
        assertThatThrownBy(() -> CanaryManifests.load(tooSlow).onlyCanary())
                .hasMessageContaining("sequential.watch PT10S must be shorter than the analysis interval PT10S");
    }

    static final String LATENCY_TEMPLATE = """
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata:
              name: podinfo
              namespace: demo
              annotations:
                sequential.canary.dev/latency: "latencyBound=500ms"
            spec:
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
              service: {port: 80}
              analysis:
                interval: 10s
                threshold: 10
                maxWeight: 50
                stepWeight: 5
                metrics:
                  - name: latency
                    templateRef: {name: p99}
                    thresholdRange: {max: 0.5}
            ---
            apiVersion: flagger.app/v1beta1
            kind: MetricTemplate
            metadata:
              name: p99
              namespace: demo
              annotations:
                sequential.canary.dev/requests: sum(increase(http_seconds_count{app="podinfo"}[{{ window }}]))
                sequential.canary.dev/failures: sum(increase(http_errors_total{app="podinfo"}[{{ window }}]))
                sequential.canary.dev/buckets: sum by (le) (increase(http_seconds_bucket{app="podinfo"}[{{ window }}]))
            spec:
              provider: {type: prometheus, address: "http://prometheus:9090"}
              query: histogram_quantile(0.99, sum by (le) (rate(http_seconds_bucket[{{ interval }}])))
            """;

    @Test
    void aTemplateCheckIsJudgedOnLatencyWithABoundThatRoundTrips() {
        CanaryManifest manifest = CanaryManifests.load(LATENCY_TEMPLATE).onlyCanary();
        MetricCheck latency = manifest.spec().analysis().metrics().get(0);
        assertThat(latency.sequential()).isEqualTo(SequentialSpec.builder().latencyBound(Duration.ofMillis(500))
                .build());
        assertThat(manifest.metricTemplates().get(0).counts().buckets()).contains("http_seconds_bucket");
        assertThat(SequentialAnnotations.format(latency.sequential())).isEqualTo("latencyBound=500ms");
        assertThat(CanaryManifests.load(CanaryManifests.toYaml(manifest.spec()) + "---\n"
                + LATENCY_TEMPLATE.substring(LATENCY_TEMPLATE.indexOf("apiVersion: flagger.app/v1beta1\nkind: Metric")))
                .onlyCanary().spec()).isEqualTo(manifest.spec());
        assertThatThrownBy(() -> SequentialAnnotations.parse("latencyBound=fast"))
                .hasMessageContaining("latencyBound must be a duration such as 500ms");
    }

    @Test
    void aLatencyBoundOnATemplateWithoutBucketsIsAnError() {
        String noBuckets = LATENCY_TEMPLATE.lines().filter(l -> !l.contains("sequential.canary.dev/buckets"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThatThrownBy(() -> CanaryManifests.load(noBuckets).onlyCanary())
                .hasMessageContaining("MetricTemplate demo/p99 names no latency buckets (annotation "
                        + "sequential.canary.dev/buckets), which check 'latency' is judged on");
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
