package dev.canary.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {
    @Nested
    class ChatUrls {
        @Test
        void keepsOnlyTheFirstPathSegmentOfASlackUrl() {
            assertThat(Redaction.secretUrl(URI.create("https://hooks.slack.com/services/T000/B000/XXXXSECRET")))
                    .isEqualTo("https://hooks.slack.com/services/***");
        }

        @Test
        void masksQueryTokensOfGoogleChat() {
            assertThat(Redaction.secretUrl(URI.create(
                    "https://chat.googleapis.com/v1/spaces/AAA/messages?key=k3y&token=t0ken")))
                    .isEqualTo("https://chat.googleapis.com/v1/***");
        }

        @Test
        void leavesAUrlWithoutSecretPartsAlone() {
            assertThat(Redaction.secretUrl(URI.create("http://127.0.0.1:8080/alerts")))
                    .isEqualTo("http://127.0.0.1:8080/alerts");
        }
    }

    @Nested
    class WebhookUrls {
        @Test
        void masksUserInfoAndQueryButKeepsThePath() {
            assertThat(Redaction.url(URI.create("https://user:pass@gate.test:8443/gate/check?token=abc")))
                    .isEqualTo("https://gate.test:8443/gate/check?***");
        }

        @Test
        void saysWhenThereIsNoUrl() {
            assertThat(Redaction.url(null)).isEqualTo("(no url)");
        }
    }

    @Test
    void scrubsAUrlAndItsQueryOutOfAMessage() {
        URI url = URI.create("https://gate.test/check?token=abc123");

        assertThat(Redaction.scrub("failed to reach " + url + " (token=abc123)", url, Redaction.url(url)))
                .isEqualTo("failed to reach https://gate.test/check?*** (***)")
                .doesNotContain("abc123");
    }

    @Nested
    class Credentials {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "Authorization: Bearer abc.def-123  | abc.def-123",
            "auth=Basic dXNlcjpwYXNz             | dXNlcjpwYXNz",
            "{\"token\": \"t0k3n-value\"}      | t0k3n-value",
            "{\"password\":\"hunter2\"}          | hunter2",
            "GET /x?api_key=K3Y123&x=1           | K3Y123",
            "client_secret = s3cr3t!             | s3cr3t!",
            "Set-Cookie: session=c00kie; Path=/  | c00kie",
            "see https://admin:pw123@db.test/x   | pw123",
            "jwt eyJhbGciOiJIUzI1.eyJzdWIiOiIx.sig0 | eyJhbGciOiJIUzI1",
            "key AKIAIOSFODNN7EXAMPLE here       | AKIAIOSFODNN7EXAMPLE",
            "token ghp_abcdefghijklmnopqrstuvwxyz0123 | ghp_abcdefghijklmnopqrstuvwxyz0123"})
        void masksWhatLooksLikeACredential(String text, String secret) {
            assertThat(Redaction.credentials(text)).doesNotContain(secret).contains(Redaction.MASK);
        }

        @Test
        void leavesOrdinaryTextAlone() {
            assertThat(Redaction.credentials("HTTP 503: upstream unavailable, retry in 5s"))
                    .isEqualTo("HTTP 503: upstream unavailable, retry in 5s");
        }

        @Test
        void masksKnownSecretsLongestFirst() {
            assertThat(Redaction.of(java.util.List.of("abc", "abcdef")).apply("x abcdef y abc"))
                    .isEqualTo("x *** y ***");
        }

        @Test
        void quotesServerTextMaskedTruncatedAndOnOneLine() {
            String quoted = Redaction.NONE.quote("line one\r\nFAKE log line token=zzz \u0000" + "x".repeat(500), 60);
            assertThat(quoted).doesNotContain("\n").doesNotContain("\r").doesNotContain("zzz")
                    .doesNotContain("\u0000").endsWith("...(truncated)").startsWith("line one FAKE log line token=***");
        }

        @Test
        void writesControlCharactersAsEscapes() {
            assertThat(Redaction.oneLine("a\nb\u2028c")).isEqualTo("a\\u000Ab\\u2028c");
        }

        @Test
        void writesAValueForALogLineMaskedOnOneLineAndWhole() {
            String logged = Redaction.logged(new java.io.IOException("refused\r\nINFO forged token=zzz "
                    + "x".repeat(2000)));
            assertThat(logged).startsWith("java.io.IOException: refused\\u000D\\u000AINFO forged token=***")
                    .doesNotContain("\n").doesNotContain("zzz").endsWith("x".repeat(2000));
            assertThat(Redaction.logged(null)).isEqualTo("null");
            assertThat(Redaction.logged("plain")).isEqualTo("plain");
        }

        @Test
        void knowsSecretSettingKeys() {
            assertThat(Redaction.isSecretKey("password")).isTrue();
            assertThat(Redaction.isSecretKey("Cookie")).isTrue();
            assertThat(Redaction.isSecretKey("X-Auth-Token")).isTrue();
            assertThat(Redaction.isSecretKey("address")).isFalse();
        }
    }
}
