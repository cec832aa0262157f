package dev.canary.micrometer;

import dev.canary.spec.CanarySpec;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spec.TargetStatus;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A deployment target whose calls are timed. Every method of {@link DeploymentTarget} goes to the wrapped target,
 * its own asynchronous variant included (timed as the blocking one). Thread-safe when the target is.
 */
final class InstrumentedTarget implements DeploymentTarget {
    private final DeploymentTarget target;
    private final ProviderCalls calls;

    InstrumentedTarget(DeploymentTarget target, ProviderCalls calls) {
        this.target = target;
        this.calls = calls;
    }

    @Override
    public void initialize(CanarySpec spec) {
        calls.run("initialize", () -> target.initialize(spec));
    }

    @Override
    public TargetStatus status(CanarySpec spec) {
        return calls.call("status", () -> target.status(spec));
    }

    @Override
    public CompletionStage<TargetStatus> statusAsync(CanarySpec spec, Executor blocking) {
        return calls.callAsync("status", () -> target.statusAsync(spec, blocking));
    }

    @Override
    public void scaleCanaryUp(CanarySpec spec) {
        calls.run("scaleCanaryUp", () -> target.scaleCanaryUp(spec));
    }

    @Override
    public void scaleCanaryDown(CanarySpec spec) {
        calls.run("scaleCanaryDown", () -> target.scaleCanaryDown(spec));
    }

    @Override
    public void promote(CanarySpec spec) {
        calls.run("promote", () -> target.promote(spec));
    }

    @Override
    public void close() {
        target.close();
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
