package dev.canary;

import dev.canary.spec.GateResult;

/**
 * An in-process gate: Java code that answers a hook instead of a webhook URL. Register it with
 * {@link CanaryRun.Builder#gate(String, Gate)} under the name of a webhook of the spec (a
 * {@link dev.canary.spec.WebhookSpec#gate(String, dev.canary.spec.HookType)}).
 *
 * <p>Called on the runner's thread during a tick: answer quickly; return
 * {@link GateResult#waiting(String)} rather than block.
 *
 * <pre>{@code
 * CanaryRun.builder()...
 *     .gate("change-window", request -> isBusinessHours()
 *         ? GateResult.approve() : GateResult.waiting("outside the change window"))
 * }</pre>
 */
@FunctionalInterface
public interface Gate {
    GateResult decide(GateRequest request);
}
