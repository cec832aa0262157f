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
    void is_the_hex_hmac_sha256_of_timestamp_dot_body() throws Exception {
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
        void accepts_a_fresh_untouched_request() {
            assertThat(WebhookSignature.verify(KEY, Long.toString(TS), signature, BODY, NOW.plusSeconds(30),
                    WebhookSignature.DEFAULT_TOLERANCE)).isTrue();
        }

        @Test
        void rejects_a_changed_body_or_timestamp() {
            byte[] changed = "{\"name\":\"other\"}".getBytes(StandardCharsets.UTF_8);

            assertThat(WebhookSignature.verify(KEY, Long.toString(TS), signature, changed, NOW,
                    WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
            assertThat(WebhookSignature.verify(KEY, Long.toString(TS + 1), signature, BODY, NOW,
                    WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
        }

        @Test
        void rejects_a_replay_older_than_the_tolerance() {
            assertThat(WebhookSignature.verify(KEY, Long.toString(TS), signature, BODY,
                    NOW.plus(Duration.ofMinutes(6)), WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
        }

        @Test
        void rejects_another_key_and_malformed_headers() {
            byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

            assertThat(WebhookSignature.verify(other, Long.toString(TS), signature, BODY, NOW,
                    WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
            assertThat(WebhookSignature.verify(KEY, "yesterday", signature, BODY, NOW,
                    WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
        }
    }

    @Test
    void refuses_short_keys() {
        assertThatThrownBy(() -> WebhookSignature.sign(new byte[4], TS, BODY))
                .hasMessageContaining("at least 16 bytes but had 4");
    }
}
