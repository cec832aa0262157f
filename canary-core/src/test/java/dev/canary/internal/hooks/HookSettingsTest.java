package dev.canary.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.AlertProvider;
import dev.canary.Gate;
import dev.canary.LoadTest;
import dev.canary.spec.AlertSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.InvalidSpecException;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.Severity;
import dev.canary.spec.WebhookSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HookSettingsTest {
    static final Gate APPROVE = request -> GateResult.approve();
    final HookSettings.Builder builder = HookSettings.builder();

    WebhookSpec cmd(String name, String command) {
        return new WebhookSpec(name, HookType.ROLLOUT, URI.create("http://loadtester.test/"), Duration.ofSeconds(5),
                Map.of("type", "cmd", "cmd", command), 0, false, false);
    }

    @Nested
    class Valid {
        @Test
        void names_every_webhook_answered_in_process() {
            builder.commandsInProcess(true);
            CanarySpec spec = Fixtures.spec(WebhookSpec.gate("gate", HookType.CONFIRM_ROLLOUT),
                    WebhookSpec.gate("manual", HookType.CONFIRM_PROMOTION),
                    WebhookSpec.gate("load", HookType.ROLLOUT), cmd("hey", "hey -z 1m http://app.test/"),
                    Fixtures.http("remote", HookType.ROLLOUT, "http://remote.test/"));
            builder.manualGate("manual");
            builder.loadTest("load", LoadTest.builder(URI.create("http://app.test/")).build());

            HookSettings settings = builder.build(spec, Map.of("gate", APPROVE));

            assertThat(settings.answeredInProcess(spec)).containsExactlyInAnyOrder("gate", "manual", "load", "hey");
        }

        @Test
        void a_cmd_webhook_with_a_url_goes_to_its_load_tester_unless_commands_run_in_process() {
            CanarySpec spec = Fixtures.spec(cmd("grpc", "ghz --insecure app.test:9090"),
                    new WebhookSpec("local", HookType.ROLLOUT, null, Duration.ofSeconds(5),
                            Map.of("cmd", "hey -z 1m http://app.test/"), 0, false, false));

            HookSettings settings = builder.build(spec, Map.of());

            assertThat(settings.answeredInProcess(spec)).containsExactly("local");
        }

        @Test
        void a_cmd_webhook_of_another_loadtester_type_is_a_plain_webhook() {
            WebhookSpec bash = new WebhookSpec("acceptance", HookType.PRE_ROLLOUT, URI.create("http://lt.test/"),
                    Duration.ofSeconds(5), Map.of("type", "bash", "cmd", "curl -s http://app.test/ | grep ok"), 0,
                    false, false);

            assertThat(HookSettings.command(bash)).isNull();
            assertThat(builder.build(Fixtures.spec(bash), Map.of()).answeredInProcess(Fixtures.spec(bash)))
                    .isEmpty();
        }
    }

    @Nested
    class Problems {
        @Test
        void lists_every_setting_that_does_not_fit_the_spec() {
            CanarySpec spec = Fixtures.spec(List.of(WebhookSpec.gate("gate", HookType.CONFIRM_PROMOTION),
                    WebhookSpec.gate("undo", HookType.ROLLBACK)),
                    List.of(new AlertSpec("on-call", Severity.ERROR, ObjectRef.of("pager"))));
            builder.manualGate("missing");
            builder.manualGate("gate");
            builder.loadTest("gate", LoadTest.builder(URI.create("http://app.test/")).build());
            builder.deadline("undo", Duration.ofMinutes(5));

            assertThatThrownBy(() -> builder.build(spec, Map.of("gate", APPROVE)))
                    .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).containsExactly(
                            "manualGate(\"missing\") names no webhook of the spec; its webhooks are [gate, undo]",
                            "webhook 'gate' is both a gate and a manual gate: register only one",
                            "loadTest(\"gate\") needs a rollout or pre-rollout webhook but 'gate' is confirm-promotion",
                            "webhook 'gate' is both a load test and a gate: register only one",
                            "gateDeadline(\"undo\", ...): 'undo' is a rollback hook, which never keeps a run waiting; "
                                    + "deadlines apply to confirm-rollout, confirm-traffic-increase, "
                                    + "confirm-promotion, pre-rollout and rollout hooks",
                            "alert 'on-call' sends to provider 'pager' but no alert provider is registered under "
                                    + "that name: call CanaryRun.builder().alertProvider(\"pager\", "
                                    + "AlertProvider.slack(...))"));
        }

        @Test
        void a_command_that_would_be_refused_fails_the_build_saying_how_to_allow_it() {
            builder.commandsInProcess(true);
            CanarySpec spec = Fixtures.spec(cmd("grpc", "ghz --insecure app.test:9090"));

            assertThatThrownBy(() -> builder.build(spec, Map.of()))
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("webhook 'grpc' (metadata.cmd): command 'ghz' is not run")
                    .hasMessageContaining("allowCommands(\"ghz\")");
        }

        @Test
        void an_allowed_command_passes() {
            CanarySpec spec = Fixtures.spec(cmd("grpc", "ghz --insecure app.test:9090"));
            builder.allowCommand("ghz");

            assertThat(builder.build(spec, Map.of()).allowedCommands).containsExactly("ghz");
        }

        @Test
        void a_hey_command_with_an_unsupported_flag_fails_the_build() {
            builder.commandsInProcess(true);
            CanarySpec spec = Fixtures.spec(cmd("load", "hey -h2 -z 1m http://app.test/"));

            assertThatThrownBy(() -> builder.build(spec, Map.of()))
                    .hasMessageContaining("hey flag -h2 is not supported");
        }

        @Test
        void rejects_bad_values_at_once() {
            assertThatThrownBy(() -> builder.deadline("gate", Duration.ZERO))
                    .hasMessageContaining("must be more than 0");
            assertThatThrownBy(() -> builder.signingKey(new byte[8]))
                    .hasMessageContaining("at least 16 bytes but had 8");
            assertThatThrownBy(() -> builder.allowCommand("sh -c"))
                    .hasMessageContaining("one program name");
        }
    }

    @Test
    void keeps_registered_alert_providers() {
        AlertProvider printing = AlertProvider.printing(System.out);
        builder.alertProvider("console", printing);

        assertThat(builder.build(Fixtures.spec(), Map.of()).alertProviders).containsEntry("console", printing);
    }
}
