package dev.canary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The builders of the spec records: their defaults are the documented ones, and toBuilder keeps every field. */
class SpecBuildersTest {

    @Nested
    class Webhooks {
        final URI url = URI.create("http://gate.test/check");

        @Test
        void defaultsMatchTheShortcuts() {
            assertThat(WebhookSpec.builder("g", HookType.CONFIRM_ROLLOUT).build())
                    .isEqualTo(WebhookSpec.gate("g", HookType.CONFIRM_ROLLOUT))
                    .isEqualTo(new WebhookSpec("g", HookType.CONFIRM_ROLLOUT, null, WebhookSpec.DEFAULT_TIMEOUT,
                            Map.of(), 0, false, false));
            assertThat(WebhookSpec.builder("h", HookType.ROLLOUT).url(url).build())
                    .isEqualTo(WebhookSpec.http("h", HookType.ROLLOUT, url));
        }

        @Test
        void setsEveryField() {
            WebhookSpec hook = WebhookSpec.builder("load", HookType.ROLLOUT).url(url).timeout(Duration.ofSeconds(3))
                    .metadata(Map.of("cmd", "hey")).retries(2).muteAlert(true).disableTls(true).build();

            assertThat(hook).isEqualTo(new WebhookSpec("load", HookType.ROLLOUT, url, Duration.ofSeconds(3),
                    Map.of("cmd", "hey"), 2, true, true));
            assertThat(hook.toBuilder().build()).isEqualTo(hook);
            assertThat(hook.toBuilder().retries(0).build().retries()).isZero();
        }

        @Test
        void namesTheMissingField() {
            assertThatThrownBy(() -> WebhookSpec.builder("x", HookType.ROLLOUT).timeout(null))
                    .isInstanceOf(NullPointerException.class).hasMessage("timeout == null");
        }
    }

    @Test
    void servicesDefaultTheirPortName() {
        ServiceSpec service = ServiceSpec.builder("podinfo", 9898).targetPort("http-metrics").build();

        assertThat(ServiceSpec.builder("podinfo", 80).build()).isEqualTo(ServiceSpec.of("podinfo", 80));
        assertThat(service).isEqualTo(new ServiceSpec("podinfo", 9898, "http", "http-metrics"));
        assertThat(service.toBuilder().portName("web").build().portName()).isEqualTo("web");
    }

    @Test
    void matchRulesCombineHeadersAndCookies() {
        MatchRule rule = MatchRule.builder().header("x-canary", StringMatch.exact("insider"))
                .cookie("canary", StringMatch.regex("^always$")).build();

        assertThat(rule.headers()).containsOnly(Map.entry("x-canary", StringMatch.exact("insider")));
        assertThat(rule.cookies()).containsOnly(Map.entry("canary", StringMatch.regex("^always$")));
        assertThat(MatchRule.builder().header("h", StringMatch.prefix("a")).build())
                .isEqualTo(MatchRule.header("h", StringMatch.prefix("a")));
    }

    @Test
    void alertsDefaultToEverySeverity() {
        ObjectRef slack = ObjectRef.of("on-call");

        assertThat(AlertSpec.builder("notify", slack).build()).isEqualTo(new AlertSpec("notify", Severity.INFO, slack));
        assertThat(AlertSpec.builder("notify", slack).severity(Severity.ERROR).build().severity())
                .isEqualTo(Severity.ERROR);
    }

    @Test
    void targetsDefaultToADeployment() {
        assertThat(TargetRef.builder("podinfo").build()).isEqualTo(TargetRef.deployment("podinfo"));
        assertThat(TargetRef.builder("podinfo").apiVersion("apps/v1").kind("StatefulSet").build())
                .isEqualTo(new TargetRef("apps/v1", "StatefulSet", "podinfo"));
    }
}
