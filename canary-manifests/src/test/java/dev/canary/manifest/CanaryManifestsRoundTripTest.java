package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.canary.spec.AlertSpec;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MatchRule;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.RollbackTiming;
import dev.canary.spec.Severity;
import dev.canary.spec.StringMatch;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.WebhookSpec;
import dev.canary.testkit.ContractSpecs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A spec written with {@link CanaryManifests#toYaml} loads back to an equal spec. */
class CanaryManifestsRoundTripTest {
    /** Every reference resolves, so generated specs need no templates or alert providers in the text. */
    private static final ManifestOptions ANY_REFERENCE = ManifestOptions.builder()
            .templateResolver(ref -> Optional.of(new MetricTemplate(ref.name(), ref.namespace(),
                    new MetricTemplate.Provider("prometheus", null, Map.of(), null, false), "up")))
            .alertProviderResolver(ref -> Optional.of(new AlertProviderResource(ref.name(), ref.namespace(), "slack",
                    "general", "flagger", "https://hooks.example/x", null, null)))
            .build();

    private static CanarySpec roundTrip(CanarySpec spec) {
        return CanaryManifests.load(CanaryManifests.toYaml(spec), ANY_REFERENCE).onlyCanary().spec();
    }

    @Test
    void everyGeneratedSpecLoadsBackEqual() {
        qt().withExamples(400).forAll(SpecGen.specs())
                .checkAssert(spec -> assertThat(roundTrip(spec)).isEqualTo(spec));
    }

    @Nested
    class Examples {
        @Test
        void theSeedIsWrittenAsAPlainFlaggerManifest() {
            CanarySpec seed = ContractSpecs.seed().toBuilder().provider("traefik").build();

            assertThat(CanaryManifests.toYaml(seed)).isEqualTo("""
                    apiVersion: flagger.app/v1beta1
                    kind: Canary
                    metadata:
                      name: podinfo
                      namespace: demo-canary
                    spec:
                      provider: traefik
                      targetRef:
                        apiVersion: apps/v1
                        kind: Deployment
                        name: podinfo
                      progressDeadlineSeconds: 60
                      service:
                        port: 80
                      analysis:
                        interval: 10s
                        threshold: 10
                        maxWeight: 50
                        stepWeight: 5
                        metrics:
                          - name: request-success-rate
                            thresholdRange:
                              min: 99
                          - name: request-duration
                            thresholdRange:
                              max: 500
                    """);
            assertThat(roundTrip(seed)).isEqualTo(seed);
        }

        @Test
        void theSeedManifestSurvivesLoadWriteLoad() {
            CanarySpec loaded = CanaryManifests.load(Fixtures.path("seed/canary.yaml")).onlyCanary().spec();

            assertThat(roundTrip(loaded)).isEqualTo(loaded);
        }

        @Test
        void blueGreenWithMirroring() {
            CanarySpec spec = ContractSpecs.seed().toBuilder().analysis(AnalysisSpec.builder().iterations(5)
                    .mirror(true).mirrorWeight(30).build()).build();

            assertThat(roundTrip(spec)).isEqualTo(spec);
        }

        @Test
        void abTestingWithHeadersAndACookie() {
            CanarySpec spec = ContractSpecs.seed().toBuilder().analysis(AnalysisSpec.builder().iterations(10)
                    .match(List.of(new MatchRule(Map.of("x-canary", StringMatch.prefix("insider")),
                            Map.of("type", StringMatch.exact("insider.beta"))),
                            MatchRule.header("user-agent", StringMatch.regex(".*Firefox.*")))).build()).build();

            String yaml = CanaryManifests.toYaml(spec);

            assertThat(yaml).contains("regex: ^(.*?;)?(type=insider\\.beta)(;.*)?$");
            assertThat(roundTrip(spec)).isEqualTo(spec);
        }

        @Test
        void stepWeightsAndPromotionSteps() {
            CanarySpec spec = ContractSpecs.seed().toBuilder().analysis(AnalysisSpec.builder()
                    .stepWeights(1, 2, 10, 80).stepWeightPromotion(50).primaryReadyThreshold(0)
                    .canaryReadyThreshold(50).rollbackTiming(RollbackTiming.NEXT_TICK).build()).build();

            assertThat(roundTrip(spec)).isEqualTo(spec);
        }

        @Test
        void webhooksWithEveryFieldAndAnInProcessGate() {
            CanarySpec spec = ContractSpecs.seed().toBuilder().analysis(AnalysisSpec.builder().stepWeight(10)
                    .webhooks(new WebhookSpec("load", HookType.ROLLOUT, URI.create("http://loadtester/"),
                                    Duration.ofMillis(1500), Map.of("cmd", "hey -z 1m http://podinfo/", "n", "10"),
                                    2, true, true),
                            WebhookSpec.gate("approval", HookType.CONFIRM_PROMOTION))
                    .build()).build();

            assertThat(roundTrip(spec)).isEqualTo(spec);
        }

        @Test
        void alertsTemplatesAndPolicies() {
            MetricCheck errors = MetricCheck.builder("errors").templateRef(new ObjectRef("errors", "ops"))
                    .templateVariables(Map.of("code", "5..")).thresholdRange(ThresholdRange.between(-1.5, 0.25))
                    .interval(Duration.ofSeconds(90)).onNoData(OutcomePolicy.WAIT).minSamples(100).build();
            MetricCheck latency = MetricCheck.builder("latency")
                    .query("histogram_quantile(0.99,\n  sum(rate(x[1m])))\n").thresholdRange(ThresholdRange.atMost(0.5)).build();
            CanarySpec spec = ContractSpecs.seed().toBuilder().metricsServer("http://prom:9090")
                    .analysis(AnalysisSpec.builder().stepWeight(10)
                            .metrics(errors, latency)
                            .alerts(List.of(new AlertSpec("ops", Severity.ERROR, ObjectRef.of("slack")),
                                    new AlertSpec("all", Severity.INFO, new ObjectRef("teams", "flagger"))))
                            .build()).build();

            assertThat(roundTrip(spec)).isEqualTo(spec);
        }
    }

    @Nested
    class Limits {
        @Test
        void aDeadlineThatIsNotWholeSecondsCannotBeWritten() {
            CanarySpec spec = ContractSpecs.seed().toBuilder().progressDeadline(Duration.ofMillis(1500)).build();

            ManifestProblem problem = Fixtures.problem(() -> CanaryManifests.toYaml(spec));

            assertThat(problem.path()).isEqualTo("spec.progressDeadlineSeconds");
            assertThat(problem.message()).contains("not a whole number of seconds");
        }

        @Test
        void onlyOneExactCookiePerRuleCanBeWritten() {
            CanarySpec spec = ContractSpecs.seed().toBuilder().analysis(AnalysisSpec.builder().iterations(3)
                    .match(List.of(MatchRule.cookie("type", StringMatch.prefix("in")),
                            new MatchRule(Map.of(), Map.of("a", StringMatch.exact("1"), "b", StringMatch.exact("2")))))
                    .build()).build();

            List<ManifestProblem> problems = Fixtures.problems(() -> CanaryManifests.toYaml(spec));

            assertThat(problems).extracting(ManifestProblem::path)
                    .containsExactly("spec.analysis.match[0]", "spec.analysis.match[1]");
            assertThat(problems.get(0).message()).contains("only exact cookie matches can be written");
            assertThat(problems.get(1).message()).contains("can test one cookie");
        }

        @Test
        void intervalsBelowTheMinimumLoadBackRaisedUnlessTheMinimumIsLowered() {
            CanarySpec fast = ContractSpecs.seed().toBuilder().analysis(ContractSpecs.seed().analysis().toBuilder()
                    .interval(Duration.ofSeconds(2)).build()).build();
            String yaml = CanaryManifests.toYaml(fast);

            assertThat(CanaryManifests.load(yaml).onlyCanary().spec().analysis().interval())
                    .isEqualTo(Duration.ofSeconds(10));
            assertThat(CanaryManifests.load(yaml, ManifestOptions.builder().minimumInterval(Duration.ofSeconds(1))
                    .build()).onlyCanary().spec()).isEqualTo(fast);
        }
    }
}
