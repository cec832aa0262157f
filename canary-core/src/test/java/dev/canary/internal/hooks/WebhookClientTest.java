package dev.canary.internal.hooks;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.canary.WebhookSignature;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.WebhookSpec;
import dev.canary.testkit.MutableClock;
import io.github.resilience4j.core.IntervalFunction;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookClientTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1")).build();

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final IntervalFunction NO_WAIT = IntervalFunction.of(Duration.ofMillis(1));

    final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");

    WebhookClient client(byte[] key) {
        return new WebhookClient(HttpClients.shared(), clock, key, NO_WAIT);
    }

    WebhookSpec hook(int retries, Duration timeout) {
        return Fixtures.http("check", HookType.ROLLOUT, http("/hook"), timeout, retries, Map.of());
    }

    static String http(String path) {
        return wm.getRuntimeInfo().getHttpBaseUrl() + path;
    }

    byte[] payload() {
        return WebhookPayloads.forHook(Fixtures.spec(), Fixtures.state(Phase.PROGRESSING),
                hook(0, Duration.ofSeconds(5)));
    }

    @Nested
    class Success {
        @Test
        void succeedsOnAny2xxIncluding203WhichFlaggerCountsAsAFailure() {
            wm.stubFor(post("/hook").willReturn(status(203)));

            WebhookClient.Outcome outcome = client(null).post(hook(0, Duration.ofSeconds(5)), payload());

            assertThat(outcome.ok()).isTrue();
            assertThat(outcome.detail()).contains("HTTP 203");
        }

        @Test
        void postsThePayloadAsJson() {
            wm.stubFor(post("/hook").willReturn(ok()));

            client(null).post(hook(0, Duration.ofSeconds(5)), payload());

            wm.verify(postRequestedFor(urlEqualTo("/hook"))
                    .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing(
                            "application/json"))
                    .withRequestBody(equalToJson("{\"name\":\"podinfo\",\"namespace\":\"demo\","
                            + "\"phase\":\"Progressing\",\"checksum\":\"rev-2\",\"metadata\":{}}")));
        }

        @Test
        void http202IsASuccessAsInFlaggerAndTheLastCodeFlaggerAccepts() {
            wm.stubFor(post("/hook").willReturn(status(202)));

            assertThat(client(null).post(hook(0, Duration.ofSeconds(5)), payload()).ok()).isTrue();
        }

        @Test
        void sendsTheWebhooksMetadataAndTheRevisionAsChecksum() {
            wm.stubFor(post("/hook").willReturn(ok()));
            WebhookSpec loadTest = Fixtures.http("load-test", HookType.ROLLOUT, http("/hook"), Duration.ofSeconds(5),
                    0, Map.of("type", "cmd", "cmd", "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/"));

            client(null).post(loadTest, WebhookPayloads.forHook(Fixtures.spec(),
                    Fixtures.state(Phase.WAITING_PROMOTION), loadTest));

            wm.verify(postRequestedFor(urlEqualTo("/hook")).withRequestBody(equalToJson(
                    "{\"name\":\"podinfo\",\"namespace\":\"demo\",\"phase\":\"Progressing\","
                            + "\"checksum\":\"rev-2\",\"metadata\":{\"type\":\"cmd\","
                            + "\"cmd\":\"hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/\"}}")));
        }
    }

    @Nested
    class Failures {
        @Test
        void quotesTheResponseBodyTruncatedInTheDetail() {
            wm.stubFor(post("/hook").willReturn(status(400).withBody("bad request: " + "x".repeat(1000))));

            WebhookClient.Outcome outcome = client(null).post(hook(0, Duration.ofSeconds(5)), payload());

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.detail()).contains("HTTP 400").contains("\"bad request: xxx").contains("(truncated)")
                    .hasSizeLessThan(Bodies.MAX_QUOTED + 200);
        }

        @Test
        void aTimeoutAppliesPerAttemptAndFailsTheCall() {
            wm.stubFor(post("/hook").willReturn(ok().withFixedDelay(3000)));

            WebhookClient.Outcome outcome = client(null).post(hook(1, Duration.ofMillis(200)), payload());

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.detail()).contains("after 2 attempts").containsIgnoringCase("timeout");
            wm.verify(2, postRequestedFor(urlEqualTo("/hook")));
        }

        @Test
        void aBodyDribbledPastTheTimeoutIsNotWaitedFor() {
            // every chunk arrives well within a read timeout; the whole body would take 3 s
            wm.stubFor(post("/hook").willReturn(status(500).withBody("slow body " + "y".repeat(30))
                    .withChunkedDribbleDelay(10, 3000)));

            WebhookClient.Outcome outcome = client(null).post(hook(0, Duration.ofMillis(300)), payload());

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.detail()).as("the attempt ends at the call deadline, without the body")
                    .containsIgnoringCase("timeout").doesNotContain("slow body");
        }

        @Test
        void aRedirectIsNotFollowedAndFails() {
            wm.stubFor(post("/hook").willReturn(status(302).withHeader("Location", http("/elsewhere"))));
            wm.stubFor(post("/elsewhere").willReturn(ok()));

            WebhookClient.Outcome outcome = client(null).post(hook(2, Duration.ofSeconds(5)), payload());

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.detail()).contains("HTTP 302");
            wm.verify(1, postRequestedFor(urlEqualTo("/hook")));
            wm.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
        }

        @Test
        void anUnreachableReceiverFailsWithTheReason() {
            WebhookSpec closed = Fixtures.http("closed", HookType.ROLLOUT, "http://127.0.0.1:1/hook");

            WebhookClient.Outcome outcome = client(null).post(closed, payload());

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.detail()).contains("POST http://127.0.0.1:1/hook failed").contains("Connect");
        }

        @Test
        void querySecretsOfTheUrlAreMaskedInTheDetail() {
            wm.stubFor(post(urlEqualTo("/hook?token=s3cr3t")).willReturn(status(500)));
            WebhookSpec secret = Fixtures.http("secret", HookType.ROLLOUT, http("/hook?token=s3cr3t"));

            WebhookClient.Outcome outcome = client(null).post(secret, payload());

            assertThat(outcome.detail()).contains("/hook?***").doesNotContain("s3cr3t");
        }
    }

    @Nested
    class Retries {
        @Test
        void retriesA5xxAndSucceedsOnTheNextAttempt() {
            wm.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(status(503)).willSetStateTo("up"));
            wm.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("up").willReturn(ok()));

            WebhookClient.Outcome outcome = client(null).post(hook(2, Duration.ofSeconds(5)), payload());

            assertThat(outcome.ok()).isTrue();
            wm.verify(2, postRequestedFor(urlEqualTo("/hook")));
        }

        @Test
        void aWebhookDefaultsToFlaggersTenSecondsPerAttemptAndNoRetry() {
            WebhookSpec plain = Fixtures.http("plain", HookType.ROLLOUT, http("/hook"));

            assertThat(plain.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(plain.retries()).isZero();
        }

        @Test
        void withoutRetriesA5xxIsAskedOnce() {
            wm.stubFor(post("/hook").willReturn(status(503)));

            WebhookClient.Outcome outcome = client(null).post(hook(0, Duration.ofSeconds(5)), payload());

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.detail()).contains("HTTP 503").doesNotContain("attempts");
            wm.verify(1, postRequestedFor(urlEqualTo("/hook")));
        }

        @Test
        void retriesA429() {
            wm.stubFor(post("/hook").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(status(429)).willSetStateTo("free"));
            wm.stubFor(post("/hook").inScenario("busy").whenScenarioStateIs("free").willReturn(ok()));

            assertThat(client(null).post(hook(1, Duration.ofSeconds(5)), payload()).ok()).isTrue();
            wm.verify(2, postRequestedFor(urlEqualTo("/hook")));
        }

        @Test
        void doesNotRetryA501() {
            wm.stubFor(post("/hook").willReturn(status(501)));

            assertThat(client(null).post(hook(3, Duration.ofSeconds(5)), payload()).ok()).isFalse();
            wm.verify(1, postRequestedFor(urlEqualTo("/hook")));
        }

        @Test
        void retriesARefusedConnection() {
            WebhookSpec closed = Fixtures.http("closed", HookType.ROLLOUT, "http://127.0.0.1:1/hook",
                    Duration.ofSeconds(5), 1, Map.of());

            WebhookClient.Outcome outcome = client(null).post(closed, payload());

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.detail()).contains("failed after 2 attempts");
        }

        @Test
        void doesNotRetryA4xxOtherThan429() {
            wm.stubFor(post("/hook").willReturn(status(403)));

            WebhookClient.Outcome outcome = client(null).post(hook(3, Duration.ofSeconds(5)), payload());

            assertThat(outcome.ok()).isFalse();
            wm.verify(1, postRequestedFor(urlEqualTo("/hook")));
        }

        @Test
        void givesUpAfterTheConfiguredRetries() {
            wm.stubFor(post("/hook").willReturn(status(502).withBody("down")));

            WebhookClient.Outcome outcome = client(null).post(hook(2, Duration.ofSeconds(5)), payload());

            assertThat(outcome.detail()).contains("HTTP 502 after 3 attempts: \"down\"");
            wm.verify(3, postRequestedFor(urlEqualTo("/hook")));
        }

        @Test
        void theDefaultBackoffIsExponentialFromOneSecondUpToThirty() {
            assertThat(WebhookClient.DEFAULT_BACKOFF.apply(1)).isEqualTo(1000L);
            assertThat(WebhookClient.DEFAULT_BACKOFF.apply(2)).isEqualTo(2000L);
            assertThat(WebhookClient.DEFAULT_BACKOFF.apply(3)).isEqualTo(4000L);
            assertThat(WebhookClient.DEFAULT_BACKOFF.apply(10)).isEqualTo(30_000L);
        }
    }

    @Nested
    class Signing {
        @Test
        void signsTimestampAndBodySoTheReceiverCanVerifyThem() {
            wm.stubFor(post("/hook").willReturn(ok()));
            byte[] body = payload();

            client(KEY).post(hook(0, Duration.ofSeconds(5)), body);

            LoggedRequest request = wm.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
            String timestamp = request.getHeader(WebhookSignature.TIMESTAMP_HEADER);
            String signature = request.getHeader(WebhookSignature.SIGNATURE_HEADER);
            assertThat(timestamp).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
            assertThat(signature).startsWith("sha256=");
            assertThat(WebhookSignature.verify(KEY, timestamp, signature, request.getBody(), clock.instant(),
                    WebhookSignature.DEFAULT_TOLERANCE)).isTrue();
        }

        @Test
        void sendsNoSignatureWithoutAKey() {
            wm.stubFor(post("/hook").willReturn(ok()));

            client(null).post(hook(0, Duration.ofSeconds(5)), payload());

            LoggedRequest request = wm.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
            assertThat(request.containsHeader(WebhookSignature.SIGNATURE_HEADER)).isFalse();
            assertThat(request.containsHeader(WebhookSignature.TIMESTAMP_HEADER)).isFalse();
        }
    }

    @Nested
    class Tls {
        WebhookSpec https(boolean disableTls) {
            return new WebhookSpec("tls", HookType.ROLLOUT, URI.create(wm.getRuntimeInfo().getHttpsBaseUrl()
                    + "/hook"), Duration.ofSeconds(5), Map.of(), 0, false, disableTls);
        }

        @Test
        void verifiesCertificatesByDefault() {
            wm.stubFor(post("/hook").willReturn(ok()));

            WebhookClient.Outcome outcome = client(null).post(https(false), payload());

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.detail()).containsIgnoringCase("SSL");
        }

        @Test
        void skipsVerificationOnlyForAHookWithDisableTls() {
            wm.stubFor(post("/hook").willReturn(ok()));
            WebhookClient client = client(null);

            assertThat(client.post(https(true), payload()).ok()).isTrue();
            assertThat(client.post(https(false), payload()).ok()).isFalse();
        }
    }
}
