package dev.canary.manifest;

import static dev.canary.manifest.Fixtures.canary;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.canary.spec.TemplateSettings;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.WebhookSpec;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CanaryManifestsTest {
    private static CanarySpec spec(String yaml) {
        return CanaryManifests.load(yaml).onlyCanary().spec();
    }

    private static CanarySpec spec(String yaml, ManifestOptions options) {
        return CanaryManifests.load(yaml, options).onlyCanary().spec();
    }

    @Nested
    class Inputs {
        private final String seed = Fixtures.text("seed/canary.yaml");

        @Test
        void aStringAReaderAStreamAndAFileGiveTheSameSpec() {
            CanarySpec fromString = spec(seed);

            assertThat(CanaryManifests.load(new StringReader(seed)).onlyCanary().spec()).isEqualTo(fromString);
            assertThat(CanaryManifests.load(new ByteArrayInputStream(seed.getBytes(StandardCharsets.UTF_8)))
                    .onlyCanary().spec()).isEqualTo(fromString);
            assertThat(CanaryManifests.load(Fixtures.path("seed/canary.yaml")).onlyCanary().spec())
                    .isEqualTo(fromString);
        }

        @Test
        void readsJsonWithTabs() {
            String json = "{\n\t\"apiVersion\": \"flagger.app/v1beta1\",\n\t\"kind\": \"Canary\",\n\t\"metadata\": "
                    + "{\"name\": \"podinfo\"},\n\t\"spec\": {\"targetRef\": {\"apiVersion\": \"apps/v1\", \"kind\": "
                    + "\"Deployment\", \"name\": \"podinfo\"}, \"service\": {\"port\": 9898}, \"analysis\": "
                    + "{\"interval\": \"1m\", \"stepWeight\": 20}}\n}\n";

            CanarySpec spec = spec(json);

            assertThat(spec.namespace()).isEqualTo("default");
            assertThat(spec.service().port()).isEqualTo(9898);
            assertThat(spec.analysis().stepWeight()).isEqualTo(20);
        }

        @Test
        void unpacksAKubernetesList() {
            String list = """
                    apiVersion: v1
                    kind: List
                    items:
                    """ + seed.replaceAll("(?m)^#.*\\n", "").indent(2).replaceFirst("  apiVersion", "- apiVersion");

            ManifestSet set = CanaryManifests.load(list);

            assertThat(set.onlyCanary().spec()).isEqualTo(spec(seed));
        }

        @Test
        void skipsEmptyDocumentsAndAByteOrderMark() {
            ManifestSet set = CanaryManifests.load("\uFEFF---\n---\n# nothing\n---\n" + seed + "\n---\n");

            assertThat(set.onlyCanary().document()).isEqualTo(3);
        }

        @Test
        void expandsAliasesWithinTheBudget() {
            List<WebhookSpec> hooks = spec(canary("""
                    webhooks:
                      - {name: a, url: "http://a/", metadata: &load {type: cmd, cmd: hey -z 1m http://podinfo/}}
                      - {name: b, url: "http://b/", metadata: *load}
                    """)).analysis().webhooks();

            assertThat(hooks.get(1).metadata()).isEqualTo(hooks.get(0).metadata())
                    .containsEntry("cmd", "hey -z 1m http://podinfo/");
        }

        @Test
        void numbersDocumentsInInputOrderAcrossKinds() {
            ManifestSet set = CanaryManifests.load(Fixtures.text("flagger/traefik-tutorial.yaml"));

            assertThat(set.onlyCanary().document()).isEqualTo(2);
            assertThat(set.metricTemplates()).hasSize(1);
            assertThat(set.skipped()).hasSize(1);
        }
    }

    @Nested
    class Defaults {
        private final CanarySpec spec = spec("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata:
                  name: podinfo
                spec:
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                  service:
                    port: 80
                  analysis:
                    stepWeight: 10
                    metrics:
                      - name: errors
                        query: sum(rate(errors[1m]))
                        thresholdRange: {max: 1}
                    webhooks:
                      - name: load
                        url: http://loadtester/
                    alerts:
                      - name: on-call
                        providerRef: {name: slack}
                ---
                apiVersion: flagger.app/v1beta1
                kind: AlertProvider
                metadata:
                  name: slack
                spec:
                  type: slack
                  address: https://hooks.slack.com/services/X
                """);

        @Test
        void areFlaggers() {
            AnalysisSpec a = spec.analysis();
            assertThat(spec.namespace()).isEqualTo("default");
            assertThat(spec.progressDeadline()).isEqualTo(Duration.ofSeconds(600));
            assertThat(List.of(a.interval(), a.threshold(), a.maxWeight(), a.primaryReadyThreshold(),
                    a.canaryReadyThreshold())).containsExactly(Duration.ofSeconds(60), 1, 100, 100, 100);
            assertThat(a.metrics().get(0).interval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(a.webhooks().get(0).timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(a.webhooks().get(0).type()).isEqualTo(HookType.ROLLOUT);
            assertThat(a.alerts().get(0).severity()).isEqualTo(Severity.INFO);
        }

        @Test
        void nameTheServiceAfterTheTarget() {
            assertThat(spec.service().name()).isEqualTo("podinfo");
            assertThat(spec.service().portName()).isEqualTo("http");
            assertThat(spec.service().targetPort()).isNull();
        }

        @Test
        void keepThisLibrarysDefaultsForItsOwnSettings() {
            assertThat(spec.analysis().rollbackTiming()).isEqualTo(RollbackTiming.SAME_TICK);
            assertThat(spec.analysis().metrics().get(0).onNoData()).isEqualTo(OutcomePolicy.FAIL);
            assertThat(spec.skipAnalysis()).isFalse();
        }

        @Test
        void applyFlaggersAlertProviderDefaults() {
            AlertProviderResource slack = CanaryManifests.load(Fixtures.canary("") + """
                    ---
                    apiVersion: flagger.app/v1beta1
                    kind: AlertProvider
                    metadata: {name: slack, namespace: test}
                    spec: {type: slack, address: "https://hooks.slack.com/services/X"}
                    """).alertProviders().get(0);

            assertThat(slack.channel()).isEqualTo("general");
            assertThat(slack.username()).isEqualTo("flagger");
        }
    }

    @Nested
    class FlaggerRules {
        @Test
        void raiseIntervalsBelowTenSecondsWithAWarning() {
            ManifestSet set = CanaryManifests.load(canary("").replace("interval: 30s", "interval: 5s"));

            assertThat(set.onlyCanary().spec().analysis().interval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(set.warnings()).singleElement().satisfies(w -> {
                assertThat(w.path()).isEqualTo("spec.analysis.interval");
                assertThat(w.message()).startsWith("raised to 10s as Flagger does");
            });
        }

        @Test
        void keepShortIntervalsWhenTheMinimumIsLowered() {
            ManifestOptions fast = ManifestOptions.builder().minimumInterval(Duration.ofSeconds(1)).build();

            assertThat(spec(canary("").replace("interval: 30s", "interval: 2s"), fast).analysis().interval())
                    .isEqualTo(Duration.ofSeconds(2));
        }

        @Test
        void readAThresholdBelowOneAsOne() {
            assertThat(spec(canary("threshold: 0")).analysis().threshold()).isEqualTo(1);
            ManifestSet negative = CanaryManifests.load(canary("threshold: -3"));
            assertThat(negative.onlyCanary().spec().analysis().threshold()).isEqualTo(1);
            assertThat(negative.warnings()).extracting(ManifestProblem::path)
                    .containsExactly("spec.analysis.threshold");
        }

        @Test
        void readTheDeprecatedCanaryAnalysisAlias() {
            ManifestSet set = CanaryManifests.load(canary("").replace("  analysis:", "  canaryAnalysis:"));

            assertThat(set.onlyCanary().spec().analysis().stepWeight()).isEqualTo(10);
            assertThat(set.warnings()).singleElement().satisfies(w -> {
                assertThat(w.path()).isEqualTo("spec.canaryAnalysis");
                assertThat(w.message()).contains("deprecated");
            });
        }

        @Test
        void preferAnalysisOverCanaryAnalysis() {
            ManifestSet set = CanaryManifests.load(canary("") + "  canaryAnalysis:\n    stepWeight: 50\n");

            assertThat(set.onlyCanary().spec().analysis().stepWeight()).isEqualTo(10);
            assertThat(set.warnings()).extracting(ManifestProblem::message)
                    .anySatisfy(m -> assertThat(m).contains("Flagger prefers it"));
        }

        @Test
        void runTheKubernetesProviderAsBlueGreenWithoutMatch() {
            ManifestSet set = CanaryManifests.load(canary("""
                    match:
                      - headers: {x-canary: {exact: "1"}}
                    """).replace("provider: traefik", "provider: kubernetes"));

            AnalysisSpec a = set.onlyCanary().spec().analysis();
            assertThat(a.iterations()).isEqualTo(10);
            assertThat(a.match()).isEmpty();
            assertThat(set.warnings()).extracting(ManifestProblem::path)
                    .containsExactly("spec.analysis.iterations", "spec.analysis.match");
        }

        @Test
        void readLegacyThresholdsAsAMinimumForSuccessRateAndAMaximumOtherwise() {
            List<MetricCheck> metrics = spec(canary("""
                    metrics:
                      - {name: request-success-rate, threshold: 99}
                      - {name: request-duration, threshold: 500}
                      - {name: errors, query: "sum(errors)", threshold: 5}
                      - {name: request-success-rate-custom, query: "x", threshold: 1.5}
                    """)).analysis().metrics();

            assertThat(metrics).extracting(MetricCheck::thresholdRange).containsExactly(ThresholdRange.atLeast(99),
                    ThresholdRange.atMost(500), ThresholdRange.atMost(5), ThresholdRange.atMost(1.5));
        }

        @Test
        void preferThresholdRangeOverTheLegacyThreshold() {
            ManifestSet set = CanaryManifests.load(canary("""
                    metrics:
                      - {name: request-success-rate, threshold: 50, thresholdRange: {min: 99, max: 100}}
                    """));

            assertThat(set.onlyCanary().spec().analysis().metrics().get(0).thresholdRange())
                    .isEqualTo(ThresholdRange.between(99, 100));
            assertThat(set.warnings()).singleElement().satisfies(w -> assertThat(w.message()).startsWith("ignored"));
        }

        @Test
        void warnAboutDurationsFlaggersCrdWouldRefuse() {
            ManifestSet set = CanaryManifests.load(canary("metrics: [{name: request-success-rate, interval: 1h, "
                    + "thresholdRange: {min: 99}}]"));

            assertThat(set.onlyCanary().spec().analysis().metrics().get(0).interval()).isEqualTo(Duration.ofHours(1));
            assertThat(set.warnings()).singleElement().satisfies(w -> {
                assertThat(w.path()).isEqualTo("spec.analysis.metrics[0].interval");
                assertThat(w.message()).contains("Flagger's CRD only accepts forms like 30s or 5m");
            });
        }
    }

    @Nested
    class Match {
        @Test
        void readsEveryStringMatchKind() {
            List<MatchRule> rules = spec(canary("""
                    iterations: 5
                    match:
                      - headers:
                          x-a: {exact: one}
                          x-b: {prefix: two}
                      - headers: {x-c: {suffix: three}}
                      - headers: {x-d: {regex: "^f.*r$"}}
                    """)).analysis().match();

            assertThat(rules).containsExactly(
                    new MatchRule(Map.of("x-a", StringMatch.exact("one"), "x-b", StringMatch.prefix("two")), Map.of()),
                    MatchRule.header("x-c", StringMatch.suffix("three")),
                    MatchRule.header("x-d", StringMatch.regex("^f.*r$")));
        }

        @Test
        void readsIstiosCookieRegexAsACookieRuleWithEscapesUndone() {
            List<MatchRule> rules = spec(canary("""
                    iterations: 5
                    match:
                      - headers: {cookie: {regex: "^(.*?;)?(version=1\\\\.2)(;.*)?$"}}
                    """)).analysis().match();

            assertThat(rules).containsExactly(MatchRule.cookie("version", StringMatch.exact("1.2")));
        }

        @Test
        void keepsAnyOtherCookieRegexAsAHeaderRule() {
            List<MatchRule> rules = spec(canary("""
                    iterations: 5
                    match:
                      - headers: {Cookie: {regex: ".*beta=yes.*"}}
                    """)).analysis().match();

            assertThat(rules).containsExactly(MatchRule.header("Cookie", StringMatch.regex(".*beta=yes.*")));
        }
    }

    @Nested
    class Webhooks {
        @Test
        void readsEveryField() {
            WebhookSpec hook = spec(canary("""
                    webhooks:
                      - name: promote
                        type: confirm-promotion
                        url: https://gate.example/check
                        timeout: 25s
                        retries: 3
                        muteAlert: true
                        disableTLS: true
                        metadata: {team: payments}
                    """)).analysis().webhooks().get(0);

            assertThat(hook).isEqualTo(new WebhookSpec("promote", HookType.CONFIRM_PROMOTION,
                    URI.create("https://gate.example/check"), Duration.ofSeconds(25), Map.of("team", "payments"), 3,
                    true, true));
        }

        @Test
        void readsAWebhookWithoutUrlAsAnInProcessGate() {
            WebhookSpec gate = spec(canary("webhooks: [{name: approval, type: confirm-rollout}]"))
                    .analysis().webhooks().get(0);

            assertThat(gate).isEqualTo(WebhookSpec.gate("approval", HookType.CONFIRM_ROLLOUT));
        }
    }

    @Nested
    class References {
        private static final String TEMPLATE = """
                ---
                apiVersion: flagger.app/v1beta1
                kind: MetricTemplate
                metadata: {name: not-found, namespace: test}
                spec:
                  provider:
                    type: prometheus
                    address: http://prometheus:9090
                    headers: {X-Scope-OrgID: [tenant-1]}
                    secretRef: {name: prom-auth}
                  query: sum(rate(requests{code="404"}[{{ interval }}]))
                """;
        private static final String METRIC = """
                metrics:
                  - name: not-found
                    templateRef: {name: not-found}
                    templateVariables: {team: web}
                    thresholdRange: {max: 5}
                """;

        @Test
        void resolvesATemplateInTheSameInputInTheCanarysNamespace() {
            CanaryManifest canary = CanaryManifests.load(canary(METRIC) + TEMPLATE).onlyCanary();

            MetricCheck check = canary.spec().analysis().metrics().get(0);
            assertThat(check.templateRef()).isEqualTo(ObjectRef.of("not-found"));
            assertThat(check.templateVariables()).containsEntry("team", "web");
            assertThat(canary.metricTemplates()).singleElement().satisfies(t -> {
                assertThat(t.ref()).isEqualTo(new ObjectRef("not-found", "test"));
                assertThat(t.provider().settings()).containsEntry("address", "http://prometheus:9090")
                        .containsEntry("secretRef", "prom-auth").containsEntry("header.X-Scope-OrgID", "tenant-1");
            });
        }

        @Test
        void passesTheTemplatesToTheMetricsProviderAsSettings() {
            CanaryManifest canary = CanaryManifests.load(canary(METRIC) + TEMPLATE).onlyCanary();

            assertThat(canary.providers().metrics().name()).isEqualTo("prometheus");
            assertThat(TemplateSettings.read(canary.providers().metrics().settings()))
                    .containsExactlyElementsOf(canary.metricTemplates());
            assertThat(canary.toString()).doesNotContain("tenant-1");
        }

        @Test
        void asksTheResolverForTemplatesOutsideTheInput() {
            ManifestSet templates = CanaryManifests.load(TEMPLATE);
            ManifestOptions options = ManifestOptions.builder().templateResolver(templates::metricTemplate).build();

            CanaryManifest canary = CanaryManifests.load(canary(METRIC), options).onlyCanary();

            assertThat(canary.metricTemplates()).containsExactlyElementsOf(templates.metricTemplates());
        }

        @Test
        void readsAnEmptySeverityAsInfoSoTheAlertIsSentUnlikeFlaggers() {
            String yaml = canary("alerts: [{name: ops, severity: \"\", providerRef: {name: slack, namespace: "
                    + "flagger}}]") + """
                    ---
                    apiVersion: flagger.app/v1beta1
                    kind: AlertProvider
                    metadata: {name: slack, namespace: flagger}
                    spec: {type: slack, address: "https://hooks.slack.com/services/X"}
                    """;

            assertThat(CanaryManifests.load(yaml).onlyCanary().spec().analysis().alerts()).containsExactly(
                    new AlertSpec("ops", Severity.INFO, new ObjectRef("slack", "flagger")));
        }

        @Test
        void resolvesAlertProvidersWithTheirNamespace() {
            String yaml = canary("alerts: [{name: ops, severity: warn, providerRef: {name: slack, namespace: "
                    + "flagger}}]") + """
                    ---
                    apiVersion: flagger.app/v1beta1
                    kind: AlertProvider
                    metadata: {name: slack, namespace: flagger}
                    spec: {type: slack, channel: releases, secretRef: {name: slack-url}}
                    """;

            CanaryManifest canary = CanaryManifests.load(yaml).onlyCanary();

            assertThat(canary.spec().analysis().alerts()).containsExactly(
                    new AlertSpec("ops", Severity.WARN, new ObjectRef("slack", "flagger")));
            assertThat(canary.alertProviders()).singleElement().satisfies(p -> {
                assertThat(p.channel()).isEqualTo("releases");
                assertThat(p.settings()).containsEntry("secretRef", "slack-url").doesNotContainKey("address");
            });
        }
    }

    @Nested
    class Extensions {
        @Test
        void readTheRollbackTimingAndTheNoDataPolicies() {
            AnalysisSpec a = spec(canary("""
                    rollbackTiming: next-tick
                    metrics:
                      - name: request-success-rate
                        thresholdRange: {min: 99}
                        onNoData: wait
                        onError: wait
                        minSamples: 200
                    """)).analysis();

            assertThat(a.rollbackTiming()).isEqualTo(RollbackTiming.NEXT_TICK);
            assertThat(a.metrics().get(0)).isEqualTo(MetricCheck.successRate(99).toBuilder()
                    .onNoData(OutcomePolicy.WAIT).onError(OutcomePolicy.WAIT).minSamples(200).build());
        }
    }

    @Nested
    class Providers {
        @Test
        void passTheMetricsServerToPrometheus() {
            CanaryManifest canary = CanaryManifests.load(canary("").replace("  provider: traefik",
                    "  provider: traefik\n  metricsServer: http://prometheus.monitoring:9090")).onlyCanary();

            assertThat(canary.spec().metricsServer()).isEqualTo("http://prometheus.monitoring:9090");
            assertThat(canary.providers().metrics()).isEqualTo(new ProviderSelection.Choice("prometheus",
                    Map.of("address", "http://prometheus.monitoring:9090")));
        }

        @Test
        void leaveTheRouterToTheBuilderWhenTheManifestNamesNone() {
            CanaryManifest canary = CanaryManifests.load(canary("").replace("  provider: traefik\n", ""))
                    .onlyCanary();

            assertThat(canary.spec().provider()).isNull();
            assertThat(canary.providers().router()).isNull();
            assertThat(canary.providers().metrics()).isNull();
        }

        @Test
        void useTheRouterOfTheOptionsAndSayWhatItReplaced() {
            ManifestOptions options = ManifestOptions.builder().router("traefik").build();

            ManifestSet set = CanaryManifests.load(Fixtures.text("flagger/linkerd-canary-steps.yaml"), options);

            assertThat(set.onlyCanary().spec().provider()).isEqualTo("traefik");
            assertThat(set.warnings()).extracting(ManifestProblem::message)
                    .contains("provider 'linkerd' replaced by 'traefik' (ManifestOptions.router)");
        }
    }

    @Test
    void findsCanariesByNameAndNamespace() {
        ManifestSet set = CanaryManifests.load(canary("") + "---\n" + canary("").replace("namespace: test",
                "namespace: prod"));

        assertThat(set.canaries()).hasSize(2);
        assertThat(set.canary("prod", "podinfo")).map(c -> c.document()).contains(2);
        assertThat(set.canary("podinfo")).map(c -> c.spec().namespace()).contains("test");
        assertThat(set.canary("other")).isEqualTo(Optional.empty());
    }
}
