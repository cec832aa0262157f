package dev.canary.micrometer;

import dev.canary.spec.CanarySpec;
import dev.canary.spi.RouterCapability;
import dev.canary.spec.Routes;
import dev.canary.spi.TrafficRouter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A router whose calls are timed. Every method of {@link TrafficRouter} goes to the wrapped router, its own
 * asynchronous variants included (timed as the blocking ones). Thread-safe when the router is.
 */
final class InstrumentedRouter implements TrafficRouter {
    private final TrafficRouter router;
    private final ProviderCalls calls;

    InstrumentedRouter(TrafficRouter router, ProviderCalls calls) {
        this.router = router;
        this.calls = calls;
    }

    @Override
    public void reconcile(CanarySpec spec) {
        calls.run("reconcile", () -> router.reconcile(spec));
    }

    @Override
    public Routes routes(CanarySpec spec) {
        return calls.call("routes", () -> router.routes(spec));
    }

    @Override
    public void setRoutes(CanarySpec spec, Routes routes) {
        calls.run("setRoutes", () -> router.setRoutes(spec, routes));
    }

    @Override
    public CompletionStage<Routes> routesAsync(CanarySpec spec, Executor blocking) {
        return calls.callAsync("routes", () -> router.routesAsync(spec, blocking));
    }

    @Override
    public CompletionStage<Void> setRoutesAsync(CanarySpec spec, Routes routes, Executor blocking) {
        return calls.callAsync("setRoutes", () -> router.setRoutesAsync(spec, routes, blocking));
    }

    @Override
    public Set<RouterCapability> capabilities() {
        return router.capabilities();
    }

    @Override
    public List<String> problems(CanarySpec spec) {
        return router.problems(spec);
    }

    @Override
    public void close() {
        router.close();
    }

    @Override
    public String toString() {
        return router.toString();
    }
}
