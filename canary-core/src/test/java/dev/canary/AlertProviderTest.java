package dev.canary;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlertProviderTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static final Alert ROLLBACK = new Alert("demo/podinfo", Instant.parse("2026-03-01T12:00:00Z"), Severity.ERROR,
            "Rolling back", "failed checks threshold reached 5/5", fields());

    static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Phase", "Progressing");
        fields.put("Canary weight", "20%");
        return fields;
    }

    URI url(String path) {
        return URI.create(wm.baseUrl() + path);
    }

    @Nested
    class Formats {
        @Test
        void slackPostsAnAttachmentColoredBySeverity() throws IOException {
            wm.stubFor(post("/services/T0/B0/SECRET").willReturn(ok()));

            AlertProvider.slack(url("/services/T0/B0/SECRET"), "releases", "canary-bot").send(ROLLBACK);

            wm.verify(postRequestedFor(urlEqualTo("/services/T0/B0/SECRET")).withRequestBody(equalToJson("""
                    {"channel": "releases", "username": "canary-bot", "attachments": [{
                      "color": "danger", "author_name": "demo/podinfo", "title": "Rolling back",
                      "text": "failed checks threshold reached 5/5", "ts": 1772366400,
                      "fields": [{"title": "Phase", "value": "Progressing", "short": true},
                                 {"title": "Canary weight", "value": "20%", "short": true}]}]}
                    """)));
        }

        @Test
        void teamsPostsAMessageCardThemedRedForErrors() throws IOException {
            wm.stubFor(post("/webhookb2/abc").willReturn(ok()));

            AlertProvider.teams(url("/webhookb2/abc")).send(ROLLBACK);

            wm.verify(postRequestedFor(urlEqualTo("/webhookb2/abc"))
                    .withRequestBody(matchingJsonPath("$.@type", equalTo("MessageCard")))
                    .withRequestBody(matchingJsonPath("$.themeColor", equalTo("FF0000")))
                    .withRequestBody(matchingJsonPath("$.sections[0].activityTitle", equalTo("Rolling back")))
                    .withRequestBody(matchingJsonPath("$.sections[0].facts[1].value", equalTo("20%"))));
        }

        @Test
        void discordUsesTheSlackCompatibleEndpoint() throws IOException {
            wm.stubFor(post("/api/webhooks/1/tok/slack").willReturn(ok()));

            AlertProvider.discord(url("/api/webhooks/1/tok"), "canary").send(ROLLBACK);

            wm.verify(postRequestedFor(urlEqualTo("/api/webhooks/1/tok/slack"))
                    .withRequestBody(matchingJsonPath("$.attachments[0].color", equalTo("danger"))));
        }

        @Test
        void googleChatPostsACardWithTheFields() throws IOException {
            wm.stubFor(post(urlEqualTo("/v1/spaces/S/messages?key=k&token=t")).willReturn(ok()));

            AlertProvider.googleChat(url("/v1/spaces/S/messages?key=k&token=t")).send(ROLLBACK);

            wm.verify(postRequestedFor(urlEqualTo("/v1/spaces/S/messages?key=k&token=t"))
                    .withRequestBody(matchingJsonPath("$.cardsV2[0].card.header.title", equalTo("Rolling back")))
                    .withRequestBody(matchingJsonPath("$.cardsV2[0].card.sections[0].widgets[1].decoratedText.text",
                            equalTo("Progressing"))));
        }

        @Test
        void theGenericWebhookPostsPlainJsonWithTheBearerToken() throws IOException {
            wm.stubFor(post("/alerts").willReturn(ok()));

            AlertProvider.webhook(url("/alerts"), "t0ken").send(ROLLBACK);

            wm.verify(postRequestedFor(urlEqualTo("/alerts"))
                    .withHeader("Authorization", equalTo("Bearer t0ken"))
                    .withRequestBody(equalToJson("""
                            {"canary": "demo/podinfo", "namespace": "demo", "name": "podinfo", "severity": "error",
                             "title": "Rolling back", "message": "failed checks threshold reached 5/5",
                             "at": "2026-03-01T12:00:00Z",
                             "fields": {"Phase": "Progressing", "Canary weight": "20%"}}
                            """)));
        }
    }

    @Nested
    class Redaction {
        @Test
        void toStringMasksTheSecretPath() {
            assertThat(AlertProvider.slack(URI.create("https://hooks.slack.com/services/T0/B0/SECRET")))
                    .hasToString("slack(https://hooks.slack.com/services/***)");
        }

        @Test
        void aFailureNamesTheStatusAndBodyButNotTheSecret() {
            wm.stubFor(post("/services/T0/B0/SECRET").willReturn(status(404).withBody("no_team")));
            AlertProvider slack = AlertProvider.slack(url("/services/T0/B0/SECRET"));

            assertThatThrownBy(() -> slack.send(ROLLBACK))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("answered HTTP 404: \"no_team\"")
                    .hasMessageContaining("/services/***")
                    .hasMessageNotContaining("SECRET");
        }

        @Test
        void anUnreachableProviderIsReportedWithoutTheSecretOrTheToken() {
            AlertProvider webhook = AlertProvider.webhook(URI.create("http://127.0.0.1:1/hooks/SECRET"), "t0ken");

            assertThatThrownBy(() -> webhook.send(ROLLBACK))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("could not be reached")
                    .hasMessageNotContaining("SECRET")
                    .hasMessageNotContaining("t0ken");
        }

        @Test
        void aNonHttpUrlIsRejectedWithoutShowingIt() {
            assertThatThrownBy(() -> AlertProvider.teams(URI.create("ftp://host/webhookb2/SECRET")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("SECRET");
        }
    }

    @Test
    void anAnswerDribbledPastTheCallDeadlineIsNotWaitedFor() {
        // every chunk arrives well within a read timeout; the whole body would take 8 s, the deadline is 5 s
        wm.stubFor(post("/slow").willReturn(status(500).withBody("slow body " + "z".repeat(30))
                .withChunkedDribbleDelay(10, 8000)));
        AlertProvider webhook = AlertProvider.webhook(url("/slow"));

        assertThatThrownBy(() -> webhook.send(ROLLBACK)).isInstanceOf(IOException.class)
                .as("the body is cut off at the deadline").hasMessageContaining("HTTP 500")
                .hasMessageNotContaining("slow body");
    }

    @Test
    void printingWritesOneLinePerAlert() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AlertProvider printing = AlertProvider.printing(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(printing).hasToString("printing");
        try {
            printing.send(ROLLBACK);
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("ALERT [ERROR] demo/podinfo: Rolling back: "
                + "failed checks threshold reached 5/5 (Phase=Progressing, Canary weight=20%)"
                + System.lineSeparator());
    }
}
