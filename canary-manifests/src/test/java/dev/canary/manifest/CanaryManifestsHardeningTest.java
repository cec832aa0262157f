package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Names that cannot forge log lines, durations and URLs checked exactly, secrets kept out of messages. */
class CanaryManifestsHardeningTest {

    static List<ManifestProblem> problems(String analysisExtra) {
        return Fixtures.problems(() -> CanaryManifests.load(Fixtures.canary(analysisExtra)));
    }

    static CanarySpec spec(String analysisExtra) {
        return CanaryManifests.load(Fixtures.canary(analysisExtra)).onlyCanary().spec();
    }

    @Nested
    class Names {
        @Test
        void aWebhookNameWithALineBreakIsRejectedAndTheMessageStaysOnOneLine() {
            List<ManifestProblem> problems = problems("""
                    webhooks:
                      - name: "gate\\r\\nINFO canary promoted"
                        type: confirm-rollout
                    """);
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.analysis.webhooks[0].name");
                assertThat(p.message()).contains("must not hold control or line-breaking characters but held U+000D")
                        .doesNotContain("\r").doesNotContain("\n");
            });
        }

        @Test
        void aNulCharacterInACheckNameIsRejected() {
            assertThat(problems("""
                    metrics:
                      - name: "rate\\0"
                        query: up
                        thresholdRange: {min: 1}
                    """)).singleElement().satisfies(p -> assertThat(p.message()).contains("U+0000"));
        }

        @Test
        void aTemplateReferenceMustBeAKubernetesName() {
            assertThat(problems("""
                    metrics:
                      - name: errors
                        templateRef: {name: Error_Rate}
                        thresholdRange: {max: 1}
                    """)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.analysis.metrics[0].templateRef.name");
                assertThat(p.message()).contains("must be a lowercase DNS-1123 subdomain").contains("Error_Rate");
            });
        }

        @Test
        void ordinaryNamesStillLoad() {
            assertThat(spec("""
                    webhooks:
                      - name: load test (smoke)
                        type: rollout
                        url: http://loadtester.test/
                    """).analysis().webhooks().get(0).name()).isEqualTo("load test (smoke)");
        }
    }

    @Nested
    class Durations {
        @Test
        void aDurationBeyondTheLargestIsAnErrorNamingTheFieldAndTheLimit() {
            assertThat(problems("""
                    metrics:
                      - name: request-success-rate
                        interval: 99999999999h
                        thresholdRange: {min: 99}
                    """)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.analysis.metrics[0].interval");
                assertThat(p.message()).contains("out of range: the largest duration accepted is 2562047h");
            });
        }

        @Test
        void aWebhookTimeoutBeyondAnHourIsRejected() {
            assertThat(problems("""
                    webhooks:
                      - name: slow
                        type: rollout
                        url: http://loadtester.test/
                        timeout: 720h
                    """)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.analysis.webhooks[0].timeout");
                assertThat(p.message()).contains("must be at most PT1H").contains("PT720H");
            });
        }
    }

    @Nested
    class Urls {
        @Test
        void anUpperCaseSchemeIsAccepted() {
            assertThat(spec("""
                    webhooks:
                      - {name: gate, type: rollout, url: "HTTPS://gate.example/check"}
                    """).analysis().webhooks().get(0).url()).isEqualTo(URI.create("HTTPS://gate.example/check"));
        }

        @Test
        void aUrlWithoutHostIsRejectedAtLoad() {
            assertThat(problems("""
                    webhooks:
                      - {name: gate, type: rollout, url: "http:///x"}
                    """)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.analysis.webhooks[0].url");
                assertThat(p.message()).contains("must name a host");
            });
        }

        @Test
        void aRejectedUrlIsShownWithoutItsCredentials() {
            ManifestProblem scheme = problems("""
                    webhooks:
                      - {name: gate, type: rollout, url: "ftp://admin:hunter2@gate.example/x?token=abc123"}
                    """).get(0);
            ManifestProblem syntax = problems("""
                    webhooks:
                      - {name: bad, type: rollout, url: "http://admin:hunter2@gate example/?token=abc123"}
                    """).get(0);
            assertThat(List.of(scheme, syntax)).allSatisfy(p -> assertThat(p.message()).doesNotContain("hunter2")
                    .doesNotContain("abc123"));
            assertThat(scheme.message()).contains("'ftp://gate.example/x?***'");
        }
    }

    @Nested
    class LogLines {
        @Test
        void aSourceOrTextWithLineBreaksIsLoggedOnOneLine() {
            String forged = "canary.yaml\r\n2026-01-01 INFO promoted";
            ManifestProblem warning = new ManifestProblem(1, "spec", 3, 1, "dropped 'x\ny'");

            assertThat(CanaryManifests.logLine(forged, warning)).doesNotContain("\n", "\r")
                    .contains("canary.yaml\\u000D\\u000A2026-01-01 INFO promoted");
            assertThat(CanaryManifests.logLine(forged, "skipped document 2: v1 ConfigMap a\nb"))
                    .doesNotContain("\n", "\r");
        }
    }
}
