package dev.canary.testkit;

import dev.canary.ProviderException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import dev.canary.spi.RouterCapability;
import dev.canary.spi.TrafficRouter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** An in-memory router that records every weight it was given and can be told to fail. Thread-safe. */
public class FakeRouter implements TrafficRouter {
    private Routes routes = Routes.PRIMARY_ONLY;
    private final List<Routes> applied = new ArrayList<>();
    private final Set<RouterCapability> capabilities = EnumSet.allOf(RouterCapability.class);
    private int failuresLeft;
    private Consumer<Routes> beforeSet = r -> { };
    private int reconciles;

    @Override
    public synchronized void reconcile(CanarySpec spec) {
        reconciles++;
    }

    @Override
    public synchronized Routes routes(CanarySpec spec) {
        return routes;
    }

    @Override
    public synchronized void setRoutes(CanarySpec spec, Routes next) {
        beforeSet.accept(next);
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new ProviderException("fake-router", "simulated outage");
        }
        if (!next.equals(routes)) {
            applied.add(next);
        }
        routes = next;
    }

    @Override
    public Set<RouterCapability> capabilities() {
        return capabilities;
    }

    /** The next {@code n} calls to setRoutes fail. */
    public synchronized void failNext(int n) {
        failuresLeft = n;
    }

    public synchronized int failuresLeft() {
        return failuresLeft;
    }

    /** Called with the routes before each setRoutes, e.g. to look at the stored state at that moment. */
    public synchronized void beforeSet(Consumer<Routes> hook) {
        beforeSet = hook;
    }

    /** Every change of weights, in order. */
    public synchronized List<Routes> applied() {
        return List.copyOf(applied);
    }

    public synchronized List<Integer> canaryWeights() {
        return applied.stream().map(Routes::canary).toList();
    }

    public synchronized int reconciles() {
        return reconciles;
    }
}
