package dev.canary.internal.hooks;

import dev.canary.Alert;
import dev.canary.CanaryEvent;
import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which events of a run become alerts: initialized, a new revision under analysis, waiting for an approval (once
 * per wait, unless every hook of the gate has {@code muteAlert}), a rollback decided (whatever the reason: failed
 * checks threshold, progress deadline, a gate denial or deadline, a rollback hook, a manual rollback), the
 * rollback applied, a revision rejected by confirm-rollout, a pre-rollout hook failure, and success. Keeps what
 * it has alerted on to avoid repeating itself every tick. Thread-safe.
 */
final class AlertRules {
    private final Set<HookType> waitingAlerted = EnumSet.noneOf(HookType.class);
    private boolean rollbackAlerted;

    /** The alerts for {@code event}, given the state after the tick that produced it. */
    synchronized List<Alert> on(CanarySpec spec, RunState state, CanaryEvent event) {
        List<Alert> alerts = new ArrayList<>();
        if (state.rollbackReason() == null) {
            rollbackAlerted = false;
        } else if (!rollbackAlerted) {
            rollbackAlerted = true;
            alerts.add(alert(spec, state, event.at(), Severity.ERROR, "Rolling back", state.rollbackReason()));
        }
        if (event instanceof CanaryEvent.PhaseChanged changed) {
            waitingAlerted.clear();
            phaseAlert(spec, state, changed, alerts);
        } else if (event instanceof CanaryEvent.WeightChanged) {
            waitingAlerted.clear();
        } else if (event instanceof CanaryEvent.GateWaiting waiting && !waiting.muted()
                && waitingAlerted.add(waiting.gate())) {
            alerts.add(alert(spec, state, event.at(), Severity.WARN, "Waiting for approval", waiting.message()));
        } else if (event instanceof CanaryEvent.RolledBack rolledBack) {
            alerts.add(alert(spec, state, event.at(), Severity.ERROR, "Rolled back", rolledBack.message()
                    + "; all traffic is on the primary"));
        }
        return alerts;
    }

    /** The alert for a failed pre-rollout hook (Flagger sends none). */
    Alert preRolloutFailed(CanarySpec spec, RunState state, Instant at, String detail) {
        return alert(spec, state, at, Severity.WARN, "Pre-rollout hook failed", detail
                + " (counts as a failed check)");
    }

    synchronized void reset() {
        waitingAlerted.clear();
        rollbackAlerted = false;
    }

    private static void phaseAlert(CanarySpec spec, RunState state, CanaryEvent.PhaseChanged changed,
            List<Alert> alerts) {
        Phase from = changed.from();
        switch (changed.to()) {
            case INITIALIZED -> {
                if (from == Phase.INITIALIZING) {
                    alerts.add(alert(spec, state, changed.at(), Severity.INFO, "Initialized", "the primary and "
                            + "the routing are ready; waiting for a new revision (" + changed.reason() + ")"));
                }
            }
            case PROGRESSING -> alerts.add(alert(spec, state, changed.at(), Severity.INFO, "New revision",
                    "starting the canary analysis: " + changed.reason()));
            case SUCCEEDED -> alerts.add(alert(spec, state, changed.at(), Severity.INFO, "Promoted",
                    "the canary analysis succeeded and the new revision is promoted: " + changed.reason()));
            case FAILED -> {
                if (!from.isAnalysing() && from != Phase.PROMOTING && from != Phase.FINALISING) {
                    alerts.add(alert(spec, state, changed.at(), Severity.ERROR, "Rejected", changed.reason()));
                }
            }
            default -> {
            }
        }
    }

    private static Alert alert(CanarySpec spec, RunState state, Instant at, Severity severity, String title,
            String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Phase", state.phase().displayName());
        fields.put("Canary weight", state.canaryWeight() + "%");
        fields.put("Failed checks", state.failedChecks() + "/" + spec.analysis().threshold());
        if (state.lastAppliedRevision() != null) {
            fields.put("Revision", state.lastAppliedRevision());
        }
        return new Alert(spec.key(), at, severity, title, message, fields);
    }
}
