package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.canary.CanaryRun;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.InvalidSpecException;
import dev.canary.spec.MatchRule;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.ServiceSpec;
import dev.canary.spec.Strategy;
import dev.canary.spec.StringMatch;
import dev.canary.spec.TargetRef;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.RouterCapability;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The manifests of Flagger's repository and the seed manifest load, and mean what they mean in Flagger. */
class CanaryManifestsExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"seed/canary.yaml", "flagger/traefik-canary-e2e.yaml", "flagger/traefik-tutorial.yaml",
        "flagger/kubernetes-bluegreen-e2e.yaml", "flagger/linkerd-canary-steps.yaml", "flagger/istio-abtest.yaml"})
    void everyExampleLoadsToOneCanaryNamedPodinfo(String file) {
        ManifestSet set = CanaryManifests.load(Fixtures.path(file));

        assertThat(set.onlyCanary().spec().name()).isEqualTo("podinfo");
    }

    @Nested
    class Seed {
        private final CanaryManifest seed = CanaryManifests.load(Fixtures.path("seed/canary.yaml")).onlyCanary();

        @Test
        void producesTheSpecBuiltInJava() {
            CanarySpec expected = CanarySpec.builder("podinfo").namespace("demo-canary")
                    .targetRef(TargetRef.deployment("podinfo"))
                    .service(new ServiceSpec("podinfo", 80, "http", "9898"))
                    .progressDeadline(Duration.ofSeconds(60))
                    .provider("traefik")
                    .analysis(AnalysisSpec.builder().interval(Duration.ofSeconds(10)).threshold(10).maxWeight(50)
                            .stepWeight(5)
                            .metrics(MetricCheck.successRate(99), MetricCheck.p99LatencyMillis(500))
                            .webhooks(new WebhookSpec("load-test", HookType.ROLLOUT,
                                    URI.create("http://flagger-loadtester.flagger-system/"), Duration.ofSeconds(5),
                                    Map.of("type", "cmd",
                                            "cmd", "hey -z 10m -q 10 -c 2 http://podinfo.demo-canary:9898/"),
                                    0, false, false))
                            .build())
                    .build();

            assertThat(seed.spec()).isEqualTo(expected);
        }

        @Test
        void selectsTheTraefikRouterPrometheusAndTheKubernetesTarget() {
            assertThat(seed.providers().router()).isEqualTo(new ProviderSelection.Choice("traefik", Map.of()));
            assertThat(seed.providers().metrics()).isEqualTo(new ProviderSelection.Choice("prometheus", Map.of()));
            assertThat(seed.providers().target().name()).isEqualTo("kubernetes");
            assertThat(seed.providers().target().settings()).containsEntry("targetRef.kind", "Deployment")
                    .containsEntry("targetRef.name", "podinfo").containsEntry("targetRef.apiVersion", "apps/v1");
        }

        @Test
        void hasNoWarnings() {
            assertThat(seed.warnings()).isEmpty();
            assertThat(seed.document()).isEqualTo(1);
        }
    }

    @Nested
    class TraefikEndToEnd {
        private final ManifestSet set = CanaryManifests.load(Fixtures.path("flagger/traefik-canary-e2e.yaml"));
        private final CanarySpec spec = set.onlyCanary().spec();

        @Test
        void readsTheLegacyThresholdsWithFlaggersMeaning() {
            assertThat(spec.analysis().metrics()).containsExactly(MetricCheck.successRate(99),
                    MetricCheck.p99LatencyMillis(500));
            assertThat(set.warnings()).anySatisfy(w -> {
                assertThat(w.path()).isEqualTo("spec.analysis.metrics[0].threshold");
                assertThat(w.message()).contains("thresholdRange.min: 99");
            });
        }

        @Test
        void readsTheAnalysisAndEveryWebhook() {
            AnalysisSpec a = spec.analysis();
            assertThat(List.of(a.interval(), a.threshold(), a.maxWeight(), a.stepWeight()))
                    .containsExactly(Duration.ofSeconds(15), 15, 60, 10);
            assertThat(a.webhooks()).extracting(WebhookSpec::name, WebhookSpec::type).containsExactly(
                    tuple("gate", HookType.CONFIRM_ROLLOUT),
                    tuple("acceptance-test", HookType.PRE_ROLLOUT),
                    tuple("traefik-acceptance-test", HookType.PRE_ROLLOUT),
                    tuple("load-test", HookType.ROLLOUT));
            assertThat(a.webhooks().get(0).timeout()).isEqualTo(WebhookSpec.DEFAULT_TIMEOUT);
            assertThat(a.webhooks().get(3).metadata()).containsEntry("logCmdOutput", "true");
        }

        @Test
        void warnsThatApexMetadataIsNotAppliedAndSkipsTheIngressRoute() {
            assertThat(set.warnings()).anySatisfy(w -> {
                assertThat(w.path()).isEqualTo("spec.service.apex");
                assertThat(w.line()).isEqualTo(32);
                assertThat(w.message()).startsWith("ignored: labels and annotations");
            });
            assertThat(set.skipped()).containsExactly("document 1: traefik.io/v1alpha1 IngressRoute test/podinfo");
        }
    }

    @Nested
    class TraefikTutorial {
        private final ManifestSet set = CanaryManifests.load(Fixtures.path("flagger/traefik-tutorial.yaml"));

        @Test
        void readsTheMetricTemplate() {
            MetricTemplate template = set.metricTemplate(new ObjectRef("not-found-percentage", "test")).orElseThrow();

            assertThat(template.provider().type()).isEqualTo("prometheus");
            assertThat(template.provider().address()).isEqualTo("http://flagger-prometheus.traefik:9090");
            assertThat(template.query()).contains("traefik_service_request_duration_seconds_bucket")
                    .contains("{{ namespace }}-{{ target }}-canary");
        }

        @Test
        void passesTheAutoscalerToTheKubernetesTarget() {
            CanaryManifest canary = set.onlyCanary();

            assertThat(canary.providers().target().settings())
                    .containsEntry("autoscalerRef.kind", "HorizontalPodAutoscaler")
                    .containsEntry("autoscalerRef.name", "podinfo")
                    .containsEntry("autoscalerRef.apiVersion", "autoscaling/v2");
            assertThat(canary.spec().analysis().interval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(canary.spec().analysis().maxWeight()).isEqualTo(50);
        }
    }

    @Nested
    class KubernetesBlueGreen {
        private final ManifestSet set = CanaryManifests.load(Fixtures.path("flagger/kubernetes-bluegreen-e2e.yaml"));
        private final CanarySpec spec = set.onlyCanary().spec();

        @Test
        void isABlueGreenRunOfFiveIterations() {
            assertThat(spec.analysis().strategy()).isEqualTo(Strategy.BLUE_GREEN);
            assertThat(spec.analysis().iterations()).isEqualTo(5);
            assertThat(spec.provider()).isEqualTo("kubernetes");
            assertThat(set.onlyCanary().providers().router().name()).isEqualTo("kubernetes");
        }

        @Test
        void usesTheNamedServiceAndWarnsAboutPortDiscovery() {
            assertThat(spec.service()).isEqualTo(new ServiceSpec("podinfo-svc", 80, "http", "9898"));
            assertThat(spec.targetRef().name()).isEqualTo("podinfo");
            assertThat(set.warnings()).extracting(ManifestProblem::path).contains("spec.service.portDiscovery");
            assertThat(set.skipped()).containsExactly("document 1: v1 Service test/podinfo-svc");
        }

        @Test
        void readsTheConfirmRolloutGate() {
            WebhookSpec gate = spec.analysis().webhooks(HookType.CONFIRM_ROLLOUT).get(0);

            assertThat(gate.url()).isEqualTo(URI.create("http://flagger-loadtester.test/gate/approve"));
        }
    }

    @Nested
    class LinkerdSteps {
        private final CanaryManifest canary = CanaryManifests.load(Fixtures.path("flagger/linkerd-canary-steps.yaml"))
                .onlyCanary();

        @Test
        void readsTheStepWeights() {
            assertThat(canary.spec().analysis().stepWeights()).containsExactly(5, 10, 15, 20, 25, 30, 35, 40, 45, 50,
                    55);
            assertThat(canary.spec().analysis().effectiveMaxWeight()).isEqualTo(55);
        }

        @Test
        void notesThatLinkerdIsNotShipped() {
            assertThat(canary.warnings()).anySatisfy(w -> {
                assertThat(w.path()).isEqualTo("spec.provider");
                assertThat(w.message()).contains("'linkerd' is not shipped");
            });
        }
    }

    @Nested
    class IstioAbTest {
        private final ManifestSet set = CanaryManifests.load(Fixtures.path("flagger/istio-abtest.yaml"));
        private final CanaryManifest canary = set.onlyCanary();

        @Test
        void yieldsACookieRuleAndAHeaderRule() {
            assertThat(canary.spec().analysis().match()).containsExactly(
                    MatchRule.cookie("type", StringMatch.exact("insider")),
                    MatchRule.header("user-agent", StringMatch.regex(".*Firefox.*")));
            assertThat(canary.spec().analysis().strategy()).isEqualTo(Strategy.AB_TESTING);
            assertThat(canary.spec().analysis().iterations()).isEqualTo(10);
        }

        @Test
        void notesThatIstioIsNotShippedAndWhatWasDropped() {
            assertThat(canary.warnings()).anySatisfy(w -> assertThat(w.message())
                    .contains("provider 'istio' is not shipped"));
            assertThat(canary.warnings()).filteredOn(w -> w.message().startsWith("dropped:"))
                    .extracting(ManifestProblem::path).containsExactlyInAnyOrder("spec.service.trafficPolicy",
                            "spec.service.match", "spec.service.rewrite", "spec.service.timeout");
        }

        @Test
        void isRejectedForTheTraefikRouterNamingTheIstioOnlyFields() {
            ManifestOptions forTraefik = ManifestOptions.builder().router("traefik").build();

            List<ManifestProblem> problems = Fixtures.problems(
                    () -> CanaryManifests.load(Fixtures.path("flagger/istio-abtest.yaml"), forTraefik));

            assertThat(problems).extracting(ManifestProblem::path).containsExactlyInAnyOrder(
                    "spec.service.trafficPolicy", "spec.service.match", "spec.service.rewrite", "spec.service.timeout");
            assertThat(problems.get(0).toString()).contains("the traefik router cannot apply it");
        }

        @Test
        void buildsForARouterThatMatchesHeadersAndCookies() {
            CanaryRun run = canary.applyTo(CanaryRun.builder()).router(new FakeRouter())
                    .metrics(query -> new MetricResult.NoData("none", "test"))
                    .target(new FakeTarget("v1", "v1")).build();

            assertThat(run.spec().analysis().match()).hasSize(2);
        }

        @Test
        void isRejectedByTheBuilderForARouterThatCannotMatch() {
            FakeRouter weightsOnly = new FakeRouter() {
                @Override
                public Set<RouterCapability> capabilities() {
                    return Set.of();
                }
            };

            assertThatThrownBy(() -> canary.applyTo(CanaryRun.builder()).router(weightsOnly)
                    .metrics(query -> new MetricResult.NoData("none", "test"))
                    .target(new FakeTarget("v1", "v1")).build())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("cannot route by header")
                    .hasMessageContaining("cannot route by cookie");
        }
    }
}
