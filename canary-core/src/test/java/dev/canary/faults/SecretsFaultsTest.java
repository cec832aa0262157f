package dev.canary.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.AlertProvider;
import dev.canary.CanaryEvent;
import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.AlertSpec;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricResult;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.Severity;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.ProviderConfig;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import dev.canary.testkit.faults.Expect;
import dev.canary.testkit.faults.FaultLedger;
import dev.canary.testkit.faults.FaultReport;
import dev.canary.testkit.faults.Leaks;
import dev.canary.testkit.faults.Outcome;
import dev.canary.testkit.faults.RunDriver;
import dev.canary.testkit.faults.Trial;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secrets in every output channel: exceptions, {@code toString()}, evidence, events, results and logs. Each case
 * expects no secret anywhere; a webhook and an alert endpoint that echo credentials in their error bodies are
 * the hardest part.
 */
@ExtendWith(FaultReport.class)
class SecretsFaultsTest {
    static final String PASSWORD = "pw-5c1f8e";
    static final String TOKEN = "tk-9a7b3d";
    static final String BEARER = "br-e2f4a6c8";
    static final String COOKIE = "ck-0d9e8f";
    static final List<String> SECRETS = List.of(PASSWORD, TOKEN, BEARER, COOKIE);

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static Trial record(String fault, int leaks, String detail) {
        Trial trial = FaultLedger.record(new Trial("secrets", fault, "-", Expect.NO_RUN,
                Outcome.leaks(leaks, detail)));
        assertThat(trial.asExpected()).as("%s", trial).isTrue();
        return trial;
    }

    @Test
    void aRejectedWebhookUrlInASpecShowsNoCredential() {
        URI url = URI.create("ftp://admin:" + PASSWORD + "@hooks.test/x?token=" + TOKEN);
        String message;
        try (Leaks leaks = new Leaks(SECRETS)) {
            try {
                CanarySpec.builder("podinfo").analysis(AnalysisSpec.builder().stepWeight(10)
                        .webhooks(WebhookSpec.http("gate", HookType.PRE_ROLLOUT, url)).build()).build();
                message = "accepted";
            } catch (RuntimeException e) {
                message = e.toString();
            }
            record("rejected webhook URL: exception", leaks.in(List.of(message)), message);
        }
    }

    @Test
    void toStringsShowNoHeaderValueUrlUserInfoOrQuery() {
        try (Leaks leaks = new Leaks(SECRETS)) {
            String config = ProviderConfig.of(Map.of("address", "http://prometheus:9090", "header.Cookie",
                    "session=" + COOKIE, "token", TOKEN, "password", PASSWORD)).toString();
            String hook = WebhookSpec.http("gate", HookType.PRE_ROLLOUT,
                    URI.create("https://admin:" + PASSWORD + "@hooks.test/x?token=" + TOKEN)).toString();
            record("ProviderConfig.toString with a Cookie header", leaks.in(List.of(config)), config);
            record("WebhookSpec.toString with user info and a token", leaks.in(List.of(hook)), hook);
        }
    }

    @Test
    void credentialsEchoedByAWebhookAndAnAlertEndpointReachNoOutput() {
        String echo = "denied: Authorization: Bearer " + BEARER + " password=" + PASSWORD + " url "
                + "https://admin:" + PASSWORD + "@x.test/?token=" + TOKEN + " Cookie: session=" + COOKIE;
        WM.stubFor(post(urlPathEqualTo("/gate")).willReturn(aResponse().withStatus(500).withBody(echo)));
        WM.stubFor(post(urlPathEqualTo("/alerts")).willReturn(aResponse().withStatus(500).withBody(echo)));
        CanarySpec spec = CanarySpec.builder("podinfo").namespace("faults")
                .analysis(AnalysisSpec.builder().interval(Duration.ofSeconds(10)).threshold(2).stepWeight(50)
                        .webhooks(WebhookSpec.http("gate", HookType.PRE_ROLLOUT,
                                URI.create(WM.baseUrl() + "/gate?token=" + TOKEN)))
                        .alerts(List.of(new AlertSpec("on-call", Severity.INFO, ObjectRef.of("on-call")))).build())
                .build();
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        ManualScheduler scheduler = new ManualScheduler(clock);
        ThreadPoolExecutor io = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        FakeRouter router = new FakeRouter();
        List<CanaryEvent> events = new CopyOnWriteArrayList<>();
        try (Leaks leaks = new Leaks(SECRETS)) {
            CanaryExecution run = CanaryRun.builder().spec(spec).router(router).target(new FakeTarget("v1", "v2"))
                    .metrics(q -> MetricResult.value(100)).stateStore(new InMemoryStateStore()).clock(clock)
                    .scheduler(scheduler).executor(io).listener(events::add)
                    .alertProvider("on-call", AlertProvider.webhook(URI.create(WM.baseUrl() + "/alerts"), BEARER))
                    .build().start();
            // let the calls in flight answer before the clock moves on (the run's deadlines use its clock)
            RunDriver.Drive drive = new RunDriver(scheduler).drive(run, 40, n -> await().atMost(Duration.ofSeconds(5))
                    .until(() -> io.getActiveCount() == 0 && io.getQueue().isEmpty()));
            List<String> outputs = new ArrayList<>();
            events.forEach(e -> outputs.add(e + " " + e.message()));
            outputs.add(String.valueOf(drive.result()));
            outputs.add(String.valueOf(run.status()));
            run.status().history().forEach(r -> outputs.add(String.valueOf(r)));
            Outcome o = drive.outcome(() -> router.routes(spec));
            int leaked = leaks.in(outputs) + leaks.inLog();
            Trial trial = FaultLedger.record(new Trial("secrets", "webhook and alert bodies echo credentials",
                    "pre-rollout webhook HTTP 500", Expect.ROLLED_BACK, new Outcome(o.promoted(), o.rolledBack(),
                    o.lost(), o.hung(), o.trafficLeft(), leaked, o.detail())));
            assertThat(trial.asExpected()).as("%s", trial).isTrue();
            assertThat(outputs).anySatisfy(s -> assertThat(s).contains("denied"));
        } finally {
            io.shutdownNow();
        }
    }
}
