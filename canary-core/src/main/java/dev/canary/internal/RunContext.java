package dev.canary.internal;

import dev.canary.CanaryListener;
import dev.canary.spec.CanarySpec;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.RunLease;
import dev.canary.spi.StateStore;
import dev.canary.spi.TrafficRouter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Everything a run is built from. {@code scheduler} and {@code executor} are null when the run should create
 * (and later shut down) its own; {@code metrics} is null when the spec has no metric checks.
 */
public record RunContext(
        CanarySpec spec,
        TrafficRouter router,
        @Nullable MetricsProvider metrics,
        DeploymentTarget target,
        StateStore store,
        RunLease lease,
        Hooks hooks,
        List<CanaryListener> listeners,
        Clock clock,
        @Nullable ScheduledExecutorService scheduler,
        @Nullable ExecutorService executor) {
}
