package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] BODY = "{\"name\":\"podinfo\"}".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final long TS = NOW.getEpochSecond();

    @Test
    void isTheHexHmacSha256OfTimestampDotBody() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = mac.doFinal((TS + ".{\"name\":\"podinfo\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(WebhookSignature.sign(KEY, TS, BODY))
                .isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(expected));
    }

    @Nested
    class Verify {
        final String signature = WebhookSignature.sign(KEY, TS, BODY);

        @Test
        void acceptsAFreshUntouchedRequest() {
            assertThat(WebhookSignature.verify(KEY, Long.toString(TS), signature, BODY, NOW.plusSeconds(30),
                    WebhookSignature.DEFAULT_TOLERANCE)).isTrue();
        }

        @Test
        void rejectsAChangedBodyOrTimestamp() {
            byte[] changed = "{\"name\":\"other\"}".getBytes(StandardCharsets.UTF_8);

            assertThat(WebhookSignature.verify(KEY, Long.toString(TS), signature, changed, NOW,
                    WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
            assertThat(WebhookSignature.verify(KEY, Long.toString(TS + 1), signature, BODY, NOW,
                    WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
        }

        @Test
        void rejectsAReplayOlderThanTheTolerance() {
            assertThat(WebhookSignature.verify(KEY, Long.toString(TS), signature, BODY,
                    NOW.plus(Duration.ofMinutes(6)), WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
        }

        @Test
        void rejectsAnotherKeyAndMalformedHeaders() {
            byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

            assertThat(WebhookSignature.verify(other, Long.toString(TS), signature, BODY, NOW,
                    WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
            assertThat(WebhookSignature.verify(KEY, "yesterday", signature, BODY, NOW,
                    WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
        }
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> WebhookSignature.sign(new byte[4], TS, BODY))
                .hasMessageContaining("at least 16 bytes but had 4");
    }
}
