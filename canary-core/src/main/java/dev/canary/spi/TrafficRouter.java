package dev.canary.spi;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import java.util.Set;

/**
 * Moves traffic between the primary and the canary.
 *
 * <p>Every method takes the spec, so one router instance can serve many canaries. Implementations must be
 * idempotent ({@code setRoutes} with the same weights twice is harmless) and thread-safe.
 */
public interface TrafficRouter extends AutoCloseable {

    /**
     * Creates the routing objects if missing and repairs drift, keeping the current weights. A new object
     * starts with all traffic on the primary.
     */
    void reconcile(CanarySpec spec);

    /** The weights as they are now on the router (read back, not remembered). */
    Routes routes(CanarySpec spec);

    /** Sets the weights. With A/B match rules, a canary weight of 100 means "matching requests go to the canary". */
    void setRoutes(CanarySpec spec, Routes routes);

    /**
     * {@link #routes} without holding the caller's thread. The default runs {@link #routes} on {@code blocking}, the
     * runner's bounded pool; a router with an asynchronous client (or an in-memory one) overrides it. The runner
     * bounds the call with its deadline (see {@code docs/runner.md}).
     */
    default java.util.concurrent.CompletionStage<Routes> routesAsync(CanarySpec spec,
            java.util.concurrent.Executor blocking) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> routes(spec), blocking);
    }

    /** {@link #setRoutes} without holding the caller's thread; as {@link #routesAsync}. */
    default java.util.concurrent.CompletionStage<Void> setRoutesAsync(CanarySpec spec, Routes routes,
            java.util.concurrent.Executor blocking) {
        return java.util.concurrent.CompletableFuture.runAsync(() -> setRoutes(spec, routes), blocking);
    }

    /** What this router can do beyond weights; the builder rejects specs that need more. */
    default Set<RouterCapability> capabilities() {
        return Set.of();
    }

    /**
     * Why this router cannot serve {@code spec}, one message per problem, ideally naming a router that can; empty
     * when it can. The default says nothing, and the run builder then checks {@link #capabilities()} itself.
     */
    default java.util.List<String> problems(CanarySpec spec) {
        return java.util.List.of();
    }

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }

    /** Creates {@link TrafficRouter}s; register in {@code META-INF/services/dev.canary.spi.TrafficRouter$Factory}. */
    interface Factory extends ProviderFactory<TrafficRouter> {
    }
}
