package dev.canary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HookTypeTest {
    @Test
    void wireNamesAreFlaggers() {
        assertThat(HookType.CONFIRM_TRAFFIC_INCREASE.wireName()).isEqualTo("confirm-traffic-increase");
        for (HookType type : HookType.values()) {
            assertThat(HookType.fromWireName(type.wireName())).isEqualTo(type);
        }
    }

    @Test
    void anEmptyTypeIsRollout() {
        assertThat(HookType.fromWireName("")).isEqualTo(HookType.ROLLOUT);
    }

    @Test
    void anUnknownTypeNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> HookType.fromWireName("pre-flight"))
                .hasMessageStartingWith("unknown webhook type 'pre-flight'; expected one of [confirm-rollout,");
    }

    @Test
    void webhookToStringMasksSecretsInTheUrlAndMetadata() {
        WebhookSpec hook = new WebhookSpec("notify", HookType.EVENT,
                java.net.URI.create("https://user:pw@hooks.example.com/in?token=s3cr3t"), WebhookSpec.DEFAULT_TIMEOUT,
                java.util.Map.of("apiKey", "k3y"), 0, false, false);
        assertThat(hook.toString()).contains("hooks.example.com/in?***").doesNotContain("s3cr3t")
                .doesNotContain("pw").doesNotContain("k3y");
    }

    @Test
    void severityRouting() {
        assertThat(Severity.INFO.accepts(Severity.INFO)).isTrue();
        assertThat(Severity.INFO.accepts(Severity.ERROR)).isTrue();
        assertThat(Severity.WARN.accepts(Severity.INFO)).isFalse();
        assertThat(Severity.WARN.accepts(Severity.ERROR)).isTrue();
        assertThat(Severity.ERROR.accepts(Severity.WARN)).isFalse();
    }

    @Test
    void thresholdRangesAreInclusiveAndRejectNaN() {
        ThresholdRange range = ThresholdRange.between(1, 2);
        assertThat(range.contains(1)).isTrue();
        assertThat(range.contains(2)).isTrue();
        assertThat(range.contains(2.0001)).isFalse();
        assertThat(range.contains(Double.NaN)).isFalse();
        assertThat(ThresholdRange.atLeast(99).contains(Double.POSITIVE_INFINITY)).isTrue();
    }
}
