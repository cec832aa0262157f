package dev.canary.internal.hooks;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.Alert;
import dev.canary.CanaryEvent;
import dev.canary.Gate;
import dev.canary.GateRequest;
import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.WebhookSpec;
import dev.canary.testkit.LogCapture;
import dev.canary.testkit.MutableClock;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SpecHooksTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    final RunState progressing = Fixtures.state(Phase.PROGRESSING);
    SpecHooks hooks;

    @AfterEach
    void close() {
        if (hooks != null) {
            hooks.close();
        }
    }

    SpecHooks hooks(CanarySpec spec, HookSettings.Builder settings, Map<String, Gate> gates) {
        hooks = new SpecHooks(settings.build(spec, gates), clock, HttpClients.shared(),
                IntervalFunction.of(Duration.ofMillis(1)));
        return hooks;
    }

    SpecHooks hooks(CanarySpec spec) {
        return hooks(spec, HookSettings.builder(), Map.of());
    }

    WebhookSpec hook(String name, HookType type) {
        return Fixtures.http(name, type, wm.baseUrl() + "/" + name);
    }

    @Nested
    class AnswersPerType {
        @ParameterizedTest
        @EnumSource(value = HookType.class, names = {"POST_ROLLOUT", "EVENT"}, mode = EnumSource.Mode.EXCLUDE)
        void a2xxApproves(HookType type) {
            wm.stubFor(post("/gate").willReturn(ok()));
            CanarySpec spec = Fixtures.spec(hook("gate", type));

            assertThat(hooks(spec).consult(spec, progressing, type).answer()).isEqualTo(GateAnswer.APPROVE);
        }

        @ParameterizedTest
        @CsvSource({"CONFIRM_ROLLOUT, WAIT", "CONFIRM_TRAFFIC_INCREASE, WAIT", "CONFIRM_PROMOTION, WAIT",
                "PRE_ROLLOUT, DENY", "ROLLOUT, DENY", "ROLLBACK, WAIT"})
        void aRefusalHoldsConfirmGatesFailsAnalysisHooksAndDoesNotRollBack(HookType type,
                GateAnswer expected) {
            wm.stubFor(post("/gate").willReturn(status(403).withBody("closed")));
            CanarySpec spec = Fixtures.spec(hook("gate", type));

            GateResult result = hooks(spec).consult(spec, progressing, type);

            assertThat(result.answer()).isEqualTo(expected);
            assertThat(result.detail()).contains("gate: POST").contains("HTTP 403").contains("\"closed\"");
        }

        @ParameterizedTest
        @CsvSource({"CONFIRM_PROMOTION, WAIT", "ROLLOUT, DENY", "ROLLBACK, WAIT"})
        void aTimeoutCountsAsARefusal(HookType type, GateAnswer expected) {
            wm.stubFor(post("/slow").willReturn(ok().withFixedDelay(3000)));
            WebhookSpec slow = Fixtures.http("slow", type, wm.baseUrl() + "/slow", Duration.ofMillis(200), 0,
                    Map.of());
            CanarySpec spec = Fixtures.spec(slow);

            GateResult result = hooks(spec).consult(spec, progressing, type);

            assertThat(result.answer()).isEqualTo(expected);
            assertThat(result.detail()).containsIgnoringCase("timeout");
        }

        @Test
        void a5xxThenSuccessAfterARetryApproves() {
            wm.stubFor(post("/gate").inScenario("flaky").whenScenarioStateIs("Started").willReturn(status(500))
                    .willSetStateTo("up"));
            wm.stubFor(post("/gate").inScenario("flaky").whenScenarioStateIs("up").willReturn(ok()));
            WebhookSpec flaky = Fixtures.http("gate", HookType.CONFIRM_PROMOTION, wm.baseUrl() + "/gate",
                    Duration.ofSeconds(5), 1, Map.of());
            CanarySpec spec = Fixtures.spec(flaky);

            GateResult result = hooks(spec).consult(spec, progressing, HookType.CONFIRM_PROMOTION);

            assertThat(result.answer()).isEqualTo(GateAnswer.APPROVE);
            wm.verify(2, postRequestedFor(urlEqualTo("/gate")));
        }

        @Test
        void hooksOfATypeRunInSpecOrderAndStopAtTheFirstRefusal() {
            wm.stubFor(post("/first").willReturn(ok()));
            wm.stubFor(post("/second").willReturn(status(500)));
            wm.stubFor(post("/third").willReturn(ok()));
            CanarySpec spec = Fixtures.spec(hook("first", HookType.ROLLOUT), hook("second", HookType.ROLLOUT),
                    hook("third", HookType.ROLLOUT));

            GateResult result = hooks(spec).consult(spec, progressing, HookType.ROLLOUT);

            assertThat(result.answer()).isEqualTo(GateAnswer.DENY);
            assertThat(result.detail()).startsWith("second:");
            wm.verify(0, postRequestedFor(urlEqualTo("/third")));
        }

        @Test
        void oneApprovingRollbackHookIsEnoughToRollBack() {
            wm.stubFor(post("/closed").willReturn(status(403)));
            wm.stubFor(post("/open").willReturn(ok()));
            CanarySpec spec = Fixtures.spec(hook("closed", HookType.ROLLBACK), hook("open", HookType.ROLLBACK));

            GateResult result = hooks(spec).consult(spec, progressing, HookType.ROLLBACK);

            assertThat(result.answer()).isEqualTo(GateAnswer.APPROVE);
        }

        @Test
        void analysisHooksReportProgressingAndConfirmRolloutTheCurrentPhase() {
            wm.stubFor(post("/gate").willReturn(ok()));
            wm.stubFor(post("/start").willReturn(ok()));
            CanarySpec spec = Fixtures.spec(hook("gate", HookType.CONFIRM_PROMOTION),
                    hook("start", HookType.CONFIRM_ROLLOUT));
            SpecHooks hooks = hooks(spec);

            hooks.consult(spec, Fixtures.state(Phase.WAITING_PROMOTION), HookType.CONFIRM_PROMOTION);
            hooks.consult(spec, Fixtures.state(Phase.WAITING), HookType.CONFIRM_ROLLOUT);

            wm.verify(postRequestedFor(urlEqualTo("/gate"))
                    .withRequestBody(matchingJsonPath("$.phase", equalTo("Progressing"))));
            wm.verify(postRequestedFor(urlEqualTo("/start"))
                    .withRequestBody(matchingJsonPath("$.phase", equalTo("Waiting"))));
        }

        @Test
        void rollbackHooksReportTheCurrentPhaseAndPostRolloutAfterARollbackReportsFailed() {
            wm.stubFor(post("/abort").willReturn(status(403)));
            wm.stubFor(post("/after").willReturn(ok()));
            CanarySpec spec = Fixtures.spec(hook("abort", HookType.ROLLBACK), hook("after", HookType.POST_ROLLOUT));
            SpecHooks hooks = hooks(spec);

            hooks.consult(spec, Fixtures.state(Phase.WAITING_PROMOTION), HookType.ROLLBACK);
            hooks.fire(spec, Fixtures.state(Phase.FAILED), HookType.POST_ROLLOUT);

            wm.verify(postRequestedFor(urlEqualTo("/abort"))
                    .withRequestBody(matchingJsonPath("$.phase", equalTo("WaitingPromotion"))));
            wm.verify(postRequestedFor(urlEqualTo("/after"))
                    .withRequestBody(matchingJsonPath("$.phase", equalTo("Failed"))));
        }

        @Test
        void postRolloutHooksAreCalledWithTheFinalPhaseAndAFailureIsOnlyLogged() {
            wm.stubFor(post("/after").willReturn(status(500)));
            CanarySpec spec = Fixtures.spec(hook("after", HookType.POST_ROLLOUT));

            hooks(spec).fire(spec, Fixtures.state(Phase.SUCCEEDED), HookType.POST_ROLLOUT);

            wm.verify(postRequestedFor(urlEqualTo("/after"))
                    .withRequestBody(matchingJsonPath("$.phase", equalTo("Succeeded"))));
        }
    }

    /** A line a server or a gate could try to add to the log. */
    static final String FORGED = "\r\n2026-03-01 12:00:00 INFO canary demo/podinfo: promoted";

    @Nested
    class LogLines {
        @Test
        void aWebhooksResponseAndAGatesExceptionAreLoggedOnOneLine() {
            wm.stubFor(post("/smoke").willReturn(status(500).withBody("denied" + FORGED)));
            Gate broken = request -> {
                throw new IllegalStateException("boom" + FORGED);
            };
            CanarySpec spec = Fixtures.spec(hook("smoke", HookType.ROLLOUT),
                    WebhookSpec.gate("check", HookType.PRE_ROLLOUT));
            SpecHooks hooks = hooks(spec, HookSettings.builder(), Map.of("check", broken));

            try (LogCapture log = LogCapture.of(SpecHooks.class.getName())) {
                hooks.consult(spec, progressing, HookType.ROLLOUT);
                hooks.consult(spec, progressing, HookType.PRE_ROLLOUT);

                assertThat(log.linesWith("promoted")).hasSize(2)
                        .anySatisfy(line -> assertThat(line).contains("canary demo/podinfo: rollout webhook 'smoke' "
                                + "failed: smoke: ").contains("denied"))
                        .anySatisfy(line -> assertThat(line).contains("canary demo/podinfo: pre-rollout webhook "
                                + "'check' failed: check: ").contains("boom\\u000D\\u000A2026-03-01"));
                assertThat(log.lines()).noneMatch(line -> line.startsWith("2026-03-01 12:00:00 INFO"));
            }
        }
    }

    @Nested
    class InProcessGates {
        @Test
        void aGateAnswersInsteadOfTheUrlAndSeesTheRun() {
            AtomicReference<GateRequest> asked = new AtomicReference<>();
            CanarySpec spec = Fixtures.spec(hook("window", HookType.CONFIRM_TRAFFIC_INCREASE));
            Gate gate = request -> {
                asked.set(request);
                return GateResult.waiting("outside the change window");
            };

            GateResult result = hooks(spec, HookSettings.builder(), Map.of("window", gate))
                    .consult(spec, progressing, HookType.CONFIRM_TRAFFIC_INCREASE);

            assertThat(result).isEqualTo(GateResult.waiting("window: outside the change window"));
            assertThat(asked.get().canaryWeight()).isEqualTo(20);
            assertThat(asked.get().failedChecks()).isEqualTo(1);
            wm.verify(0, postRequestedFor(urlEqualTo("/window")));
        }

        @Test
        void aGateThatThrowsHoldsAConfirmGateAndFailsARolloutHook() {
            Gate broken = request -> {
                throw new IllegalStateException("boom");
            };
            CanarySpec spec = Fixtures.spec(WebhookSpec.gate("promote", HookType.CONFIRM_PROMOTION),
                    WebhookSpec.gate("smoke", HookType.ROLLOUT));
            SpecHooks hooks = hooks(spec, HookSettings.builder(), Map.of("promote", broken, "smoke", broken));

            assertThat(hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION).answer())
                    .isEqualTo(GateAnswer.WAIT);
            GateResult rollout = hooks.consult(spec, progressing, HookType.ROLLOUT);
            assertThat(rollout.answer()).isEqualTo(GateAnswer.DENY);
            assertThat(rollout.detail()).contains("the gate threw").contains("boom");
        }
    }

    @Nested
    class ManualGatesThroughTheHandle {
        final CanarySpec spec = Fixtures.spec(hook("promotion", HookType.CONFIRM_PROMOTION),
                hook("step", HookType.CONFIRM_TRAFFIC_INCREASE));

        SpecHooks manual() {
            HookSettings.Builder settings = HookSettings.builder();
            settings.manualGate("promotion");
            settings.manualGate("step");
            return hooks(spec, settings, Map.of());
        }

        @Test
        void waitsWithoutCallingTheUrlUntilApproved() {
            SpecHooks hooks = manual();

            GateResult before = hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION);
            hooks.answer(spec, HookType.CONFIRM_PROMOTION, GateAnswer.APPROVE, "ok");
            GateResult after = hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION);

            assertThat(before.answer()).isEqualTo(GateAnswer.WAIT);
            assertThat(before.detail()).contains("approve(HookType.CONFIRM_PROMOTION)");
            assertThat(after.answer()).isEqualTo(GateAnswer.APPROVE);
            wm.verify(0, postRequestedFor(urlEqualTo("/promotion")));
        }

        @Test
        void anApprovalIsUsedUpByOnePassage() {
            SpecHooks hooks = manual();
            hooks.answer(spec, HookType.CONFIRM_TRAFFIC_INCREASE, GateAnswer.APPROVE, "ok");

            assertThat(hooks.consult(spec, progressing, HookType.CONFIRM_TRAFFIC_INCREASE).answer())
                    .isEqualTo(GateAnswer.APPROVE);
            assertThat(hooks.consult(spec, progressing, HookType.CONFIRM_TRAFFIC_INCREASE).answer())
                    .isEqualTo(GateAnswer.WAIT);
        }

        @Test
        void aDenialIsReportedWithItsReason() {
            SpecHooks hooks = manual();
            hooks.answer(spec, HookType.CONFIRM_PROMOTION, GateAnswer.DENY, "error budget spent");

            GateResult result = hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION);

            assertThat(result).isEqualTo(GateResult.deny("promotion: denied manually: error budget spent"));
        }

        @Test
        void answeringATypeWithoutAManualGateSaysHowToRegisterOne() {
            SpecHooks hooks = manual();

            assertThatThrownBy(() -> hooks.answer(spec, HookType.CONFIRM_ROLLOUT, GateAnswer.APPROVE, "ok"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no manual gate of type confirm-rollout")
                    .hasMessageContaining("manualGate(name)");
        }

        @Test
        void closingForgetsTheAnswers() {
            SpecHooks hooks = manual();
            hooks.answer(spec, HookType.CONFIRM_PROMOTION, GateAnswer.APPROVE, "ok");

            hooks.close();

            assertThat(hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION).answer())
                    .isEqualTo(GateAnswer.WAIT);
        }
    }

    @Nested
    class Deadlines {
        final CanarySpec spec = Fixtures.spec(WebhookSpec.gate("approval", HookType.CONFIRM_PROMOTION));

        SpecHooks withDeadline(Gate gate) {
            HookSettings.Builder settings = HookSettings.builder();
            settings.deadline("approval", Duration.ofMinutes(30));
            return hooks(spec, settings, Map.of("approval", gate));
        }

        @Test
        void aGateWaitingPastItsDeadlineIsDeniedWithTheReason() {
            SpecHooks hooks = withDeadline(request -> GateResult.waiting("nobody looked"));

            GateResult first = hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION);
            clock.advance(Duration.ofMinutes(29));
            GateResult before = hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION);
            clock.advance(Duration.ofMinutes(1));
            GateResult after = hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION);

            assertThat(first.answer()).isEqualTo(GateAnswer.WAIT);
            assertThat(first.detail()).contains("denied in 30m unless answered");
            assertThat(before.answer()).isEqualTo(GateAnswer.WAIT);
            assertThat(after.answer()).isEqualTo(GateAnswer.DENY);
            assertThat(after.detail()).contains("confirm-promotion gate 'approval' still waiting after 30m")
                    .contains("past its deadline of 30m").contains("nobody looked");
        }

        @Test
        void anApprovalRestartsTheWait() {
            AtomicReference<GateResult> answer = new AtomicReference<>(GateResult.waiting("later"));
            SpecHooks hooks = withDeadline(request -> answer.get());

            hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION);
            clock.advance(Duration.ofMinutes(20));
            answer.set(GateResult.approve());
            hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION);
            answer.set(GateResult.waiting("later"));
            hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION);
            clock.advance(Duration.ofMinutes(20));

            assertThat(hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION).answer())
                    .isEqualTo(GateAnswer.WAIT);
        }

        @Test
        void withoutADeadlineAGateWaitsForever() {
            SpecHooks hooks = hooks(spec, HookSettings.builder(),
                    Map.of("approval", request -> GateResult.waiting("later")));

            hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION);
            clock.advance(Duration.ofDays(30));

            assertThat(hooks.consult(spec, progressing, HookType.CONFIRM_PROMOTION).answer())
                    .isEqualTo(GateAnswer.WAIT);
        }
    }

    @Nested
    class EventHooks {
        @Test
        void everyEventIsPostedInTheBackgroundWithFlaggersEventMetadata() {
            wm.stubFor(post("/events").willReturn(ok()));
            WebhookSpec events = Fixtures.http("events", HookType.EVENT, wm.baseUrl() + "/events",
                    Duration.ofSeconds(5), 0, Map.of("cluster", "eu-1", "eventType", "ignored"));
            CanarySpec spec = Fixtures.spec(events);
            CanaryEvent event = new CanaryEvent.RolledBack(spec.key(), clock.instant(), "failed checks", 5);

            hooks(spec).publish(spec, progressing, event);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> wm.verify(postRequestedFor(
                    urlEqualTo("/events"))
                    .withRequestBody(matchingJsonPath("$.metadata.eventMessage", equalTo(event.message())))
                    .withRequestBody(matchingJsonPath("$.metadata.eventType", equalTo("Warning")))
                    .withRequestBody(matchingJsonPath("$.metadata.timestamp",
                            equalTo(Long.toString(clock.instant().toEpochMilli()))))
                    .withRequestBody(matchingJsonPath("$.metadata.cluster", equalTo("eu-1")))
                    .withRequestBody(matchingJsonPath("$.phase", equalTo("Progressing")))));
        }

        @Test
        void publishingDoesNotWaitForTheDelivery() throws InterruptedException {
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean delivered = new AtomicBoolean();
            CanarySpec spec = Fixtures.spec(WebhookSpec.gate("events", HookType.EVENT));
            Gate slow = request -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                delivered.set(true);
                return GateResult.approve();
            };
            SpecHooks hooks = hooks(spec, HookSettings.builder(), Map.of("events", slow));

            hooks.publish(spec, progressing, new CanaryEvent.Note(spec.key(), clock.instant(),
                    dev.canary.spec.Severity.INFO, "note"));

            assertThat(delivered).isFalse();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).untilTrue(delivered);
        }
    }

    @Nested
    class LoadTesterCommands {
        HookSettings.Builder inProcess() {
            HookSettings.Builder settings = HookSettings.builder();
            settings.commandsInProcess(true);
            return settings;
        }

        @Test
        void aCmdWebhookWithAUrlIsPostedToTheLoadTesterThereByDefault() {
            wm.stubFor(post("/loadtester").willReturn(status(202)));
            WebhookSpec load = Fixtures.http("load-test", HookType.ROLLOUT, wm.baseUrl() + "/loadtester",
                    Duration.ofSeconds(5), 0, Map.of("type", "cmd", "cmd", "hey -z 1m -q 10 http://podinfo.test/"));
            CanarySpec spec = Fixtures.spec(load);

            GateResult result = hooks(spec).consult(spec, progressing, HookType.ROLLOUT);

            assertThat(result.answer()).isEqualTo(GateAnswer.APPROVE);
            wm.verify(1, postRequestedFor(urlEqualTo("/loadtester"))
                    .withRequestBody(matchingJsonPath("$.metadata.cmd",
                            equalTo("hey -z 1m -q 10 http://podinfo.test/")))
                    .withRequestBody(matchingJsonPath("$.metadata.type", equalTo("cmd"))));
        }

        @Test
        void aLoadTesterThatAnswersAnErrorFailsTheHookNamingItAndTheReason() {
            wm.stubFor(post("/loadtester").willReturn(status(500).withBody("no such command")));
            WebhookSpec load = Fixtures.http("load-test", HookType.ROLLOUT, wm.baseUrl() + "/loadtester",
                    Duration.ofSeconds(5), 0, Map.of("cmd", "hey -z 1m http://podinfo.test/"));
            CanarySpec spec = Fixtures.spec(load);

            GateResult result = hooks(spec).consult(spec, progressing, HookType.ROLLOUT);

            assertThat(result.answer()).isEqualTo(GateAnswer.DENY);
            assertThat(result.detail()).startsWith("load-test: ").contains("500");
        }

        @Test
        void aHeyCommandRunsOnTheBuiltInGeneratorAndReportsAtTheNextTick() {
            wm.stubFor(get("/").willReturn(ok()));
            WebhookSpec load = Fixtures.http("load-test", HookType.ROLLOUT, "http://flagger-loadtester.test/",
                    Duration.ofSeconds(5), 0, Map.of("type", "cmd",
                            "cmd", "hey -z 20s -q 20 -c 1 " + wm.baseUrl() + "/"));
            CanarySpec spec = Fixtures.spec(load);
            SpecHooks hooks = hooks(spec, inProcess(), Map.of());

            GateResult started = hooks.consult(spec, progressing, HookType.ROLLOUT);
            await().atMost(Duration.ofSeconds(10)).until(() -> wm.countRequestsMatching(
                    getRequestedFor(urlEqualTo("/")).build()).getCount() >= 3);
            GateResult next = hooks.consult(spec, progressing, HookType.ROLLOUT);

            assertThat(started).isEqualTo(new GateResult(GateAnswer.APPROVE, "load-test: started"));
            assertThat(next.answer()).isEqualTo(GateAnswer.APPROVE);
            assertThat(next.detail()).contains("built-in load generator [hey -z 20s").contains("2xx=");
        }

        @Test
        void closingStopsTheGenerator() {
            wm.stubFor(get("/").willReturn(ok()));
            WebhookSpec load = Fixtures.http("load-test", HookType.ROLLOUT, "http://flagger-loadtester.test/",
                    Duration.ofSeconds(5), 0, Map.of("cmd", "hey -z 1m -q 20 -c 1 " + wm.baseUrl() + "/"));
            CanarySpec spec = Fixtures.spec(load);
            SpecHooks hooks = hooks(spec, inProcess(), Map.of());
            hooks.consult(spec, progressing, HookType.ROLLOUT);
            await().atMost(Duration.ofSeconds(10)).until(() -> wm.countRequestsMatching(
                    getRequestedFor(urlEqualTo("/")).build()).getCount() >= 1);

            hooks.close();
            int afterClose = wm.countRequestsMatching(getRequestedFor(urlEqualTo("/")).build()).getCount();

            await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(wm.countRequestsMatching(getRequestedFor(urlEqualTo("/")).build()).getCount())
                            .isLessThanOrEqualTo(afterClose + 1));
        }
    }

    @Nested
    class Alerting {
        @Test
        void aFailedPreRolloutHookSendsAWarningAlert() {
            wm.stubFor(post("/smoke").willReturn(status(500).withBody("smoke test failed")));
            List<Alert> sent = new CopyOnWriteArrayList<>();
            HookSettings.Builder settings = HookSettings.builder();
            settings.alertProvider("recorder", sent::add);
            CanarySpec spec = Fixtures.spec(hook("smoke", HookType.PRE_ROLLOUT));

            hooks(spec, settings, Map.of()).consult(spec, progressing, HookType.PRE_ROLLOUT);

            await().atMost(Duration.ofSeconds(10)).until(() -> !sent.isEmpty());
            assertThat(sent.get(0).severity()).isEqualTo(dev.canary.spec.Severity.WARN);
            assertThat(sent.get(0).title()).isEqualTo("Pre-rollout hook failed");
            assertThat(sent.get(0).message()).contains("smoke test failed");
        }
    }
}
