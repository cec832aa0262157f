package dev.canary.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Nested
    class ChatUrls {
        @Test
        void keeps_only_the_first_path_segment_of_a_slack_url() {
            assertThat(Redaction.secretUrl(URI.create("https://hooks.slack.com/services/T000/B000/XXXXSECRET")))
                    .isEqualTo("https://hooks.slack.com/services/***");
        }

        @Test
        void masks_query_tokens_of_google_chat() {
            assertThat(Redaction.secretUrl(URI.create(
                    "https://chat.googleapis.com/v1/spaces/AAA/messages?key=k3y&token=t0ken")))
                    .isEqualTo("https://chat.googleapis.com/v1/***");
        }

        @Test
        void leaves_a_url_without_secret_parts_alone() {
            assertThat(Redaction.secretUrl(URI.create("http://127.0.0.1:8080/alerts")))
                    .isEqualTo("http://127.0.0.1:8080/alerts");
        }
    }

    @Nested
    class WebhookUrls {
        @Test
        void masks_user_info_and_query_but_keeps_the_path() {
            assertThat(Redaction.url(URI.create("https://user:pass@gate.test:8443/gate/check?token=abc")))
                    .isEqualTo("https://gate.test:8443/gate/check?***");
        }

        @Test
        void says_when_there_is_no_url() {
            assertThat(Redaction.url(null)).isEqualTo("(no url)");
        }
    }

    @Test
    void scrubs_a_url_and_its_query_out_of_a_message() {
        URI url = URI.create("https://gate.test/check?token=abc123");

        assertThat(Redaction.scrub("failed to reach " + url + " (token=abc123)", url, Redaction.url(url)))
                .isEqualTo("failed to reach https://gate.test/check?*** (***)")
                .doesNotContain("abc123");
    }
}
