package dev.canary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CanarySpecTest {

    private static AnalysisSpec.Builder analysis() {
        return AnalysisSpec.builder().stepWeight(10).metrics(MetricCheck.successRate(99));
    }

    private static List<String> problemsOf(CanarySpec.Builder builder) {
        try {
            builder.build();
        } catch (InvalidSpecException e) {
            return e.problems();
        }
        throw new AssertionError("expected the spec to be rejected");
    }

    @Nested
    class Defaults {
        @Test
        @DisplayName("has Flagger's defaults")
        void flaggerDefaults() {
            CanarySpec spec = CanarySpec.builder("podinfo").analysis(analysis().build()).build();
            assertThat(spec.namespace()).isEqualTo("default");
            assertThat(spec.targetRef()).isEqualTo(TargetRef.deployment("podinfo"));
            assertThat(spec.service()).isEqualTo(ServiceSpec.of("podinfo", 80));
            assertThat(spec.progressDeadline()).isEqualTo(Duration.ofSeconds(600));
            AnalysisSpec a = spec.analysis();
            assertThat(a.interval()).isEqualTo(Duration.ofSeconds(60));
            assertThat(a.threshold()).isEqualTo(1);
            assertThat(a.maxWeight()).isEqualTo(100);
            assertThat(a.primaryReadyThreshold()).isEqualTo(100);
            assertThat(a.canaryReadyThreshold()).isEqualTo(100);
            assertThat(a.rollbackTiming()).isEqualTo(RollbackTiming.SAME_TICK);
            assertThat(a.metrics().get(0).interval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(a.metrics().get(0).onNoData()).isEqualTo(OutcomePolicy.FAIL);
            assertThat(a.metrics().get(0).onError()).isEqualTo(OutcomePolicy.FAIL);
            assertThat(spec.key()).isEqualTo("default/podinfo");
        }

        @Test
        void serviceNameDefaultsToTheTargetName() {
            CanarySpec spec = CanarySpec.builder("canary-a").targetRef(TargetRef.deployment("podinfo"))
                    .analysis(analysis().build()).build();
            assertThat(spec.service().name()).isEqualTo("podinfo");
            assertThat(spec.service().primaryName()).isEqualTo("podinfo-primary");
            assertThat(spec.service().canaryName()).isEqualTo("podinfo-canary");
        }

        @Test
        void toBuilderGivesAnEqualSpec() {
            CanarySpec spec = CanarySpec.builder("podinfo").namespace("demo").analysis(analysis().build()).build();
            assertThat(spec.toBuilder().build()).isEqualTo(spec);
            assertThat(spec.analysis().toBuilder().build()).isEqualTo(spec.analysis());
        }
    }

    @Nested
    class Strategy_ {
        @Test
        void matchWithIterationsIsAbTesting() {
            AnalysisSpec a = AnalysisSpec.builder().iterations(5)
                    .match(List.of(MatchRule.header("x-canary", StringMatch.exact("always")))).build();
            assertThat(a.strategy()).isEqualTo(Strategy.AB_TESTING);
        }

        @Test
        void iterationsAloneIsBlueGreen() {
            assertThat(AnalysisSpec.builder().iterations(5).build().strategy()).isEqualTo(Strategy.BLUE_GREEN);
        }

        @Test
        void otherwiseCanary() {
            assertThat(analysis().build().strategy()).isEqualTo(Strategy.CANARY);
        }

        @Test
        void stepWeightsDefineTheCeiling() {
            assertThat(AnalysisSpec.builder().stepWeights(1, 2, 10, 80).build().effectiveMaxWeight()).isEqualTo(80);
            assertThat(AnalysisSpec.builder().maxWeight(50).stepWeight(5).build().effectiveMaxWeight()).isEqualTo(50);
        }
    }

    @Nested
    class Validation {
        @Test
        @DisplayName("reports every problem at once, each naming field, rule and value")
        void reportsEveryProblem() {
            List<String> problems = problemsOf(CanarySpec.builder("podinfo")
                    .analysis(AnalysisSpec.builder().interval(Duration.ofMillis(500)).maxWeight(50).stepWeight(150)
                            .threshold(0).build()));
            assertThat(problems).contains(
                    "analysis.interval must be between PT1S and PT24H but was PT0.5S",
                    "analysis.stepWeight must be between 0 and 100 but was 150",
                    "analysis.stepWeight 150 is above analysis.maxWeight 50",
                    "analysis.threshold must be at least 1 but was 0");
        }

        @Test
        void stepWeightsMustIncrease() {
            assertThat(problemsOf(CanarySpec.builder("podinfo")
                    .analysis(AnalysisSpec.builder().stepWeights(10, 5).build())))
                    .contains("analysis.stepWeights must increase but was [10, 5]");
        }

        @Test
        void aCanaryWithoutStepsIsRejectedBecauseItWouldNeverAdvance() {
            assertThat(problemsOf(CanarySpec.builder("podinfo").analysis(AnalysisSpec.builder().build())))
                    .anySatisfy(p -> assertThat(p).contains("needs stepWeight, stepWeights or iterations"));
        }

        @Test
        void namesMustBeKubernetesNames() {
            assertThat(problemsOf(CanarySpec.builder("Pod_Info").analysis(analysis().build())))
                    .anySatisfy(p -> assertThat(p).startsWith("name must be a lowercase DNS label")
                            .endsWith("but was 'Pod_Info'"));
        }

        /** Seeded random names, judged as Kubernetes' DNS-1123 patterns (regular expressions) judge them. */
        @Test
        void namesAndReferencesAreJudgedAsTheDnsPatternsJudgeThem() {
            java.util.regex.Pattern label = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            java.util.regex.Pattern subdomain = java.util.regex.Pattern.compile(
                    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
            java.util.Random random = new java.util.Random(16);
            String alphabet = "ab09-.-.A_ é";
            for (int n = 0; n < 3000; n++) {
                String name = randomText(random, alphabet);
                String namespace = randomText(random, alphabet);
                List<String> problems = problemsOrNone(CanarySpec.builder("podinfo").namespace(namespace).analysis(
                        analysis().metrics(MetricCheck.builder("m").query("up").thresholdRange(ThresholdRange
                                .atMost(1)).templateRef(null).build()).build()).targetRef(TargetRef.deployment(name)));
                assertThat(problems.stream().anyMatch(p -> p.startsWith("namespace must be a lowercase DNS label")))
                        .as(namespace).isEqualTo(!label.matcher(namespace).matches());
                assertThat(problems.stream().anyMatch(p -> p.startsWith("targetRef.name must be a lowercase DNS")))
                        .as(name).isEqualTo(!label.matcher(name).matches());
                List<String> refProblems = problemsOrNone(CanarySpec.builder("podinfo").analysis(analysis()
                        .metrics(MetricCheck.builder("m").thresholdRange(ThresholdRange.atMost(1))
                                .templateRef(new ObjectRef(name, namespace)).build()).build()));
                assertThat(refProblems.stream().anyMatch(p -> p.contains("templateRef.name must be a lowercase DNS")))
                        .as(name).isEqualTo(!subdomain.matcher(name).matches());
                assertThat(refProblems.stream().anyMatch(p -> p.contains("templateRef.namespace must be")))
                        .as(namespace).isEqualTo(!label.matcher(namespace).matches());
            }
        }

        private static String randomText(java.util.Random random, String alphabet) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(7); i > 0; i--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return b.toString();
        }

        private static List<String> problemsOrNone(CanarySpec.Builder builder) {
            try {
                builder.build();
                return List.of();
            } catch (InvalidSpecException e) {
                return e.problems();
            }
        }

        @Test
        void checksNeedUniqueNamesBoundsAndAQuery() {
            List<String> problems = problemsOf(CanarySpec.builder("podinfo").analysis(analysis()
                    .metrics(MetricCheck.successRate(99), MetricCheck.successRate(98),
                            MetricCheck.builder("errors").thresholdRange(ThresholdRange.atMost(1)).build(),
                            MetricCheck.builder("latency").query("up").build(),
                            MetricCheck.builder("range").query("up").thresholdRange(ThresholdRange.between(5, 1))
                                    .build())
                    .build()));
            assertThat(problems).containsExactly(
                    "analysis.metrics[1].name 'request-success-rate' is used by another check; names must be unique",
                    "analysis.metrics[2] 'errors' needs a query or a templateRef (the builtin checks are "
                            + "request-success-rate and request-duration)",
                    "analysis.metrics[3] 'latency' has no thresholdRange: set min, max or both",
                    "analysis.metrics[4].thresholdRange min 5.0 is above max 1.0");
        }

        @Test
        void matchNeedsIterations() {
            assertThat(problemsOf(CanarySpec.builder("podinfo").analysis(analysis()
                    .match(List.of(MatchRule.header("x", StringMatch.exact("y")))).build())))
                    .contains("analysis.match needs analysis.iterations above 0 (A/B testing) but iterations was 0");
        }

        @Test
        void webhooksNeedUniqueNamesAndHttpUrls() {
            List<String> problems = problemsOf(CanarySpec.builder("podinfo").analysis(analysis().webhooks(
                    WebhookSpec.http("load", HookType.ROLLOUT, URI.create("ftp://x/")),
                    WebhookSpec.gate("load", HookType.CONFIRM_ROLLOUT)).build()));
            assertThat(problems).containsExactly(
                    "analysis.webhooks[0].url must be an http or https URL but was 'ftp://x/'",
                    "analysis.webhooks[1].name 'load' is used by another webhook; names must be unique");
        }

        @Test
        void theExceptionNamesTheCanary() {
            assertThatThrownBy(() -> CanarySpec.builder("podinfo").namespace("demo")
                    .analysis(AnalysisSpec.builder().threshold(0).stepWeight(5).build()).build())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessage("canary demo/podinfo is invalid: analysis.threshold must be at least 1 but was 0");
        }
    }

    @Nested
    class Bounds {
        private List<String> withHook(WebhookSpec hook) {
            return problemsOf(CanarySpec.builder("podinfo").analysis(analysis().interval(Duration.ofSeconds(30))
                    .webhooks(hook).build()));
        }

        @Test
        void aWebhookTimeoutAboveOneHourIsRejectedSayingWhy() {
            WebhookSpec hook = new WebhookSpec("slow", HookType.ROLLOUT, URI.create("http://loadtester.test/"),
                    Duration.ofHours(720), java.util.Map.of(), 0, false, false);
            assertThat(withHook(hook)).containsExactly("analysis.webhooks[0].timeout must be at most PT1H (a timeout "
                    + "longer than analysis.interval PT30S is capped to it) but was PT720H");
        }

        @Test
        void urlsNeedAHostAndTheSchemeMayBeUpperCase() {
            assertThat(withHook(WebhookSpec.http("h", HookType.ROLLOUT, URI.create("http:///x"))))
                    .containsExactly("analysis.webhooks[0].url must name a host (such as http://hooks.example.com/path)");
            CanarySpec ok = CanarySpec.builder("podinfo").analysis(analysis().webhooks(WebhookSpec.http("h",
                    HookType.ROLLOUT, URI.create("HTTP://loadtester.test/"))).build()).build();
            assertThat(ok.analysis().webhooks()).hasSize(1);
        }

        @Test
        void aRejectedUrlNeverShowsItsPasswordOrQuery() {
            assertThat(withHook(WebhookSpec.http("h", HookType.ROLLOUT,
                    URI.create("ftp://admin:hunter2@gate.example/x?token=abc123"))))
                    .singleElement().asString().doesNotContain("hunter2").doesNotContain("abc123")
                    .contains("'ftp://gate.example/x?***'");
        }

        @Test
        void intervalsAndTheProgressDeadlineHaveAnUpperBound() {
            assertThat(problemsOf(CanarySpec.builder("podinfo").progressDeadline(Duration.ofDays(365))
                    .analysis(analysis().interval(Duration.ofDays(2)).build())))
                    .contains("progressDeadline must be at most PT720H but was PT8760H",
                            "analysis.interval must be between PT1S and PT24H but was PT48H");
        }

        @Test
        void checkWebhookAndAlertNamesCannotBreakALogLine() {
            assertThat(problemsOf(CanarySpec.builder("podinfo").analysis(analysis().metrics(
                    MetricCheck.builder("a\nb").query("up").thresholdRange(ThresholdRange.atLeast(1)).build())
                    .build()))).containsExactly("analysis.metrics[0].name must not hold control or line-breaking "
                    + "characters but held U+000A in 'a\\u000Ab'");
        }
    }
}
