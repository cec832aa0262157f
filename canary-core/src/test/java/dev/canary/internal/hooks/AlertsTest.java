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
import dev.canary.testkit.LogCapture;
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
        void infoGetsEverythingWarnGetsWarnAndErrorAndErrorOnlyErrors() {
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
        void onlyTheSubscribedProvidersReceiveAlerts() {
            CanarySpec spec = Fixtures.spec(List.of(), List.of(
                    new AlertSpec("ops", Severity.INFO, ObjectRef.of("ops"))));
            Alerts alerts = new Alerts(Map.of("ops", recorder("ops"), "other", recorder("other")), dispatcher);

            publishAll(spec, alerts);

            assertThat(received).hasSize(3).allMatch(r -> r.startsWith("ops:"));
        }
    }

    @Test
    void withoutAlertsInTheSpecEveryRegisteredProviderGetsEverything() {
        Alerts alerts = new Alerts(Map.of("a", recorder("a"), "b", recorder("b")), dispatcher);

        publishAll(Fixtures.spec(), alerts);

        assertThat(received).hasSize(6);
    }

    @Test
    void aFailingProviderDoesNotStopTheOthers() {
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
    void aProviderFailureIsLoggedOnOneLine() {
        AlertProvider broken = alert -> {
            throw new java.io.IOException("unreachable\r\n2026-03-01 12:00:00 INFO canary demo/podinfo: promoted");
        };
        Alerts alerts = new Alerts(Map.of("broken", broken), dispatcher);

        try (LogCapture log = LogCapture.of(Alerts.class.getName(), Dispatcher.class.getName())) {
            publishAll(Fixtures.spec(), alerts);

            assertThat(log.linesWith("promoted")).hasSize(3)
                    .allSatisfy(line -> assertThat(line).contains("not delivered: unreachable\\u000D\\u000A2026"));
            assertThat(log.lines()).noneMatch(line -> line.startsWith("2026-03-01 12:00:00 INFO"));
        }
    }

    @Test
    void alertsCarryTheCanaryAndTheTimeOfTheEvent() {
        List<Alert> sent = new CopyOnWriteArrayList<>();
        Alerts alerts = new Alerts(Map.of("r", sent::add), dispatcher);

        publishAll(Fixtures.spec(), alerts);

        assertThat(sent).allSatisfy(a -> {
            assertThat(a.canary()).isEqualTo("demo/podinfo");
            assertThat(a.at()).isEqualTo(now);
        });
    }
}
