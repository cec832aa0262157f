package dev.canary.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.Alert;
import dev.canary.AlertProvider;
import dev.canary.CanaryEvent;
import dev.canary.engine.RunState;
import dev.canary.spec.AlertSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertsTest {
    final Instant now = Instant.parse("2026-03-01T12:00:00Z");
    final Dispatcher dispatcher = new Dispatcher("test-alerts");
    final List<String> received = new CopyOnWriteArrayList<>();

    AlertProvider recorder(String name) {
        return alert -> received.add(name + ":" + alert.severity());
    }

    /** Publishes an info (new revision), a warn (gate waiting) and an error (rollback) alert. */
    void publishAll(CanarySpec spec, Alerts alerts) {
        RunState progressing = Fixtures.state(Phase.PROGRESSING);
        alerts.publish(spec, progressing, new CanaryEvent.PhaseChanged(spec.key(), now, Phase.INITIALIZED,
                Phase.PROGRESSING, "new revision"));
        alerts.publish(spec, progressing, new CanaryEvent.GateWaiting(spec.key(), now,
                dev.canary.spec.HookType.CONFIRM_PROMOTION, "closed", false));
        alerts.publish(spec, progressing.toBuilder().rollbackReason("threshold").build(),
                new CanaryEvent.Note(spec.key(), now, Severity.WARN, "rolling back"));
        dispatcher.drain(Duration.ofSeconds(10));
    }

    @Nested
    class SeverityRouting {
        @Test
        void info_gets_everything_warn_gets_warn_and_error_and_error_only_errors() {
            CanarySpec spec = Fixtures.spec(List.of(), List.of(
                    new AlertSpec("all", Severity.INFO, ObjectRef.of("info")),
                    new AlertSpec("some", Severity.WARN, ObjectRef.of("warn")),
                    new AlertSpec("few", Severity.ERROR, ObjectRef.of("error"))));
            Alerts alerts = new Alerts(Map.of("info", recorder("info"), "warn", recorder("warn"),
                    "error", recorder("error")), dispatcher);

            publishAll(spec, alerts);

            assertThat(received).filteredOn(r -> r.startsWith("info:"))
                    .containsExactly("info:INFO", "info:WARN", "info:ERROR");
            assertThat(received).filteredOn(r -> r.startsWith("warn:")).containsExactly("warn:WARN", "warn:ERROR");
            assertThat(received).filteredOn(r -> r.startsWith("error:")).containsExactly("error:ERROR");
        }

        @Test
        void only_the_subscribed_providers_receive_alerts() {
            CanarySpec spec = Fixtures.spec(List.of(), List.of(
                    new AlertSpec("ops", Severity.INFO, ObjectRef.of("ops"))));
            Alerts alerts = new Alerts(Map.of("ops", recorder("ops"), "other", recorder("other")), dispatcher);

            publishAll(spec, alerts);

            assertThat(received).hasSize(3).allMatch(r -> r.startsWith("ops:"));
        }
    }

    @Test
    void without_alerts_in_the_spec_every_registered_provider_gets_everything() {
        Alerts alerts = new Alerts(Map.of("a", recorder("a"), "b", recorder("b")), dispatcher);

        publishAll(Fixtures.spec(), alerts);

        assertThat(received).hasSize(6);
    }

    @Test
    void a_failing_provider_does_not_stop_the_others() {
        CanarySpec spec = Fixtures.spec(List.of(), List.of(
                new AlertSpec("broken", Severity.INFO, ObjectRef.of("broken")),
                new AlertSpec("fine", Severity.ERROR, ObjectRef.of("fine"))));
        AlertProvider broken = alert -> {
            throw new java.io.IOException("unreachable");
        };
        Alerts alerts = new Alerts(Map.of("broken", broken, "fine", recorder("fine")), dispatcher);

        publishAll(spec, alerts);

        assertThat(received).containsExactly("fine:ERROR");
    }

    @Test
    void alerts_carry_the_canary_and_the_time_of_the_event() {
        List<Alert> sent = new CopyOnWriteArrayList<>();
        Alerts alerts = new Alerts(Map.of("r", sent::add), dispatcher);

        publishAll(Fixtures.spec(), alerts);

        assertThat(sent).allSatisfy(a -> {
            assertThat(a.canary()).isEqualTo("demo/podinfo");
            assertThat(a.at()).isEqualTo(now);
        });
    }
}
