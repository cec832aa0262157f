package dev.canary;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.WebhookSpec;
import java.util.Objects;

/**
 * What a {@link Gate} is asked.
 *
 * @param spec         the canary
 * @param hook         the webhook entry the gate answers for (its name, type and metadata)
 * @param phase        the run's phase
 * @param canaryWeight the current canary weight
 * @param failedChecks failed checks so far
 */
public record GateRequest(CanarySpec spec, WebhookSpec hook, Phase phase, int canaryWeight, int failedChecks) {
    public GateRequest {
        Objects.requireNonNull(spec, "spec == null");
        Objects.requireNonNull(hook, "hook == null");
        Objects.requireNonNull(phase, "phase == null");
    }

    public HookType type() {
        return hook.type();
    }
}
