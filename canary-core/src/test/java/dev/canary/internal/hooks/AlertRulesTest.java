package dev.canary.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.Alert;
import dev.canary.CanaryEvent;
import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    final CanarySpec spec = Fixtures.spec();
    final AlertRules rules = new AlertRules();
    final Instant now = Instant.parse("2026-03-01T12:00:00Z");
    final RunState progressing = Fixtures.state(Phase.PROGRESSING);

    List<Alert> on(RunState state, CanaryEvent event) {
        return rules.on(spec, state, event);
    }

    CanaryEvent.PhaseChanged phase(Phase from, Phase to) {
        return new CanaryEvent.PhaseChanged(spec.key(), now, from, to, "because");
    }

    @Nested
    class Transitions {
        @Test
        void aNewRevisionUnderAnalysisIsInfo() {
            List<Alert> alerts = on(progressing, phase(Phase.INITIALIZED, Phase.PROGRESSING));

            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.INFO);
                assertThat(a.title()).isEqualTo("New revision");
                assertThat(a.fields()).containsEntry("Phase", "Progressing").containsEntry("Canary weight", "20%")
                        .containsEntry("Failed checks", "1/5").containsEntry("Revision", "rev-2");
            });
        }

        @Test
        void successAndInitializationAreInfo() {
            assertThat(on(Fixtures.state(Phase.SUCCEEDED), phase(Phase.FINALISING, Phase.SUCCEEDED)))
                    .extracting(Alert::title).containsExactly("Promoted");
            assertThat(on(Fixtures.state(Phase.INITIALIZED), phase(Phase.INITIALIZING, Phase.INITIALIZED)))
                    .extracting(Alert::title).containsExactly("Initialized");
        }

        @Test
        void aRollbackAlertsWhenDecidedAndAgainWhenApplied() {
            RunState deciding = progressing.toBuilder().rollbackReason("canary not ready within progressDeadline")
                    .build();
            RunState failed = Fixtures.state(Phase.FAILED);

            List<Alert> decided = on(deciding, new CanaryEvent.Note(spec.key(), now, Severity.WARN, "rolling back"));
            List<Alert> stillPending = on(deciding, new CanaryEvent.WeightChanged(spec.key(), now, 20, 0, false));
            List<Alert> applied = on(failed, phase(Phase.PROGRESSING, Phase.FAILED));
            List<Alert> confirmed = on(failed, new CanaryEvent.RolledBack(spec.key(), now, "deadline", 1));

            assertThat(decided).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.ERROR);
                assertThat(a.title()).isEqualTo("Rolling back");
                assertThat(a.message()).contains("progressDeadline");
            });
            assertThat(stillPending).isEmpty();
            assertThat(applied).isEmpty();
            assertThat(confirmed).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.ERROR);
                assertThat(a.title()).isEqualTo("Rolled back");
            });
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"failed checks threshold reached 5/5",
            "primary failed during promotion: pods crash", "rollback hook approved a rollback: operator"})
        void everyRollbackReasonFlaggerAlertsOnIsAnErrorNamingTheReason(String reason) {
            RunState deciding = progressing.toBuilder().rollbackReason(reason).build();

            assertThat(on(deciding, new CanaryEvent.Note(spec.key(), now, Severity.WARN, "rolling back: " + reason)))
                    .singleElement().satisfies(a -> {
                        assertThat(a.severity()).isEqualTo(Severity.ERROR);
                        assertThat(a.title()).isEqualTo("Rolling back");
                        assertThat(a.message()).isEqualTo(reason);
                    });
        }

        @Test
        void aRevisionRejectedByConfirmRolloutIsAnError() {
            assertThat(on(Fixtures.state(Phase.FAILED), phase(Phase.WAITING, Phase.FAILED)))
                    .extracting(Alert::severity, Alert::title).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Severity.ERROR, "Rejected"));
        }

        @Test
        void aTargetBackAtThePromotedRevisionIsNoNewInitialization() {
            assertThat(on(Fixtures.state(Phase.INITIALIZED), phase(Phase.WAITING, Phase.INITIALIZED))).isEmpty();
        }

        @Test
        void weightsChecksAndNotesDoNotAlert() {
            assertThat(on(progressing, new CanaryEvent.WeightChanged(spec.key(), now, 10, 20, false))).isEmpty();
            assertThat(on(progressing, new CanaryEvent.Note(spec.key(), now, Severity.WARN, "tick failed")))
                    .isEmpty();
        }
    }

    @Nested
    class Waiting {
        CanaryEvent.GateWaiting waiting(HookType type, boolean muted) {
            return new CanaryEvent.GateWaiting(spec.key(), now, type, "closed", muted);
        }

        @Test
        void alertsOncePerWaitAsAWarning() {
            List<Alert> first = on(progressing, waiting(HookType.CONFIRM_TRAFFIC_INCREASE, false));
            List<Alert> again = on(progressing, waiting(HookType.CONFIRM_TRAFFIC_INCREASE, false));
            on(progressing, new CanaryEvent.WeightChanged(spec.key(), now, 20, 30, false));
            List<Alert> nextStep = on(progressing, waiting(HookType.CONFIRM_TRAFFIC_INCREASE, false));

            assertThat(first).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.WARN);
                assertThat(a.message()).contains("confirm-traffic-increase");
            });
            assertThat(again).isEmpty();
            assertThat(nextStep).hasSize(1);
        }

        @Test
        void mutedGatesDoNotAlert() {
            assertThat(on(progressing, waiting(HookType.CONFIRM_PROMOTION, true))).isEmpty();
        }
    }

    @Test
    void aPreRolloutFailureIsAWarningThatSaysItCounts() {
        Alert alert = rules.preRolloutFailed(spec, progressing, now, "smoke: HTTP 500");

        assertThat(alert.severity()).isEqualTo(Severity.WARN);
        assertThat(alert.message()).isEqualTo("smoke: HTTP 500 (counts as a failed check)");
    }
}
