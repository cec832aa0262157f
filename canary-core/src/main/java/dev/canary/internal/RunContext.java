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
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Everything a run is built from. {@code scheduler} runs ticks and call deadlines, {@code blocking} the blocking
 * calls to user code, {@code stages} the work between calls; {@code metrics} is null when the spec has no metric
 * checks; {@code stats} (may be null) records tick lateness; {@code tickGrid} aligns the run's schedule so that
 * runs started close together tick together ({@link TickGrid#NONE}: not aligned); {@code created} are the
 * providers built by name for this run, closed when its execution is closed.
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
        ScheduledExecutorService scheduler,
        Executor blocking,
        Executor stages,
        @Nullable TickStats stats,
        TickGrid tickGrid,
        List<AutoCloseable> created) {

    public RunContext {
        listeners = List.copyOf(listeners);
        created = List.copyOf(created);
    }
}
