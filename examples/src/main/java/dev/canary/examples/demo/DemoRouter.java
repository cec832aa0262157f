package dev.canary.examples.demo;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import dev.canary.spi.RouterCapability;
import dev.canary.spi.TrafficRouter;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link TrafficRouter} over a {@link WeightedProxy}: setting routes changes the split the proxy really applies
 * to the next requests, and {@link #routes} reads the proxy's split back. One proxy fronts one canary, so the spec
 * passed in is not used to pick anything. Supports mirroring. Closing the router does not stop the proxy (its
 * owner does). Thread-safe.
 */
public final class DemoRouter implements TrafficRouter {
    private final WeightedProxy proxy;

    public DemoRouter(WeightedProxy proxy) {
        this.proxy = Objects.requireNonNull(proxy, "proxy == null");
    }

    /** Nothing to create: the proxy already exists and started with all traffic on the primary. */
    @Override
    public void reconcile(CanarySpec spec) {
        Objects.requireNonNull(spec, "spec == null");
    }

    @Override
    public Routes routes(CanarySpec spec) {
        return proxy.routes();
    }

    @Override
    public void setRoutes(CanarySpec spec, Routes routes) {
        proxy.setRoutes(routes);
    }

    @Override
    public Set<RouterCapability> capabilities() {
        return Set.of(RouterCapability.MIRRORING);
    }

    @Override
    public String toString() {
        return "DemoRouter[" + proxy.uri() + ", " + proxy.routes() + "]";
    }
}
