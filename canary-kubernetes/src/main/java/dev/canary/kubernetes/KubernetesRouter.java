package dev.canary.kubernetes;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import dev.canary.spec.Strategy;
import dev.canary.spi.TrafficRouter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router of Flagger's {@code provider: kubernetes}: it moves no traffic. The apex service selects the
 * primary's pods throughout (the deployment target points it there), so live traffic reaches the canary only
 * after promotion; the analysis judges the canary on what is sent to {@code <service>-canary} directly, such as
 * a load test. This suits Blue/Green runs ({@code analysis.iterations}), which is what a manifest with
 * {@code provider: kubernetes} loads as.
 *
 * <p>{@link #routes} reports the routes last set for the canary in this process (all on the primary before
 * any), as Flagger's NopRouter reports what its scheduler needs: the engine then counts Blue/Green iterations,
 * takes the last analysis "with all traffic on the canary", promotes, and confirms a rollback as it does with a
 * real router. A weighted or mirrored route is recorded too, with a warning once per canary that no traffic
 * moves. It declares no capabilities, so a run that needs mirroring or A/B matching fails when it is built.
 *
 * <p>Thread-safe. Holds no connection; {@link #close()} does nothing.
 */
public final class KubernetesRouter implements TrafficRouter {
    private static final Logger logger = LoggerFactory.getLogger(KubernetesRouter.class);

    private final Map<String, Routes> routes = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** Nothing to create: the services are the deployment target's. */
    @Override
    public void reconcile(CanarySpec spec) {
        if (spec.analysis().strategy() == Strategy.CANARY) {
            warnOnce(spec, "its analysis shifts weights step by step");
        }
    }

    @Override
    public Routes routes(CanarySpec spec) {
        return routes.getOrDefault(spec.key(), Routes.PRIMARY_ONLY);
    }

    /** Records {@code routes}; no traffic moves. */
    @Override
    public void setRoutes(CanarySpec spec, Routes routes) {
        if (routes.mirrored() || routes.canary() > 0 && routes.canary() < 100) {
            warnOnce(spec, "it was asked for " + routes);
        }
        this.routes.put(spec.key(), routes);
    }

    private void warnOnce(CanarySpec spec, String why) {
        if (warned.add(spec.key())) {
            logger.warn("canary {}: the kubernetes router moves no traffic, but {}; all live traffic stays on the "
                    + "primary. Use analysis.iterations (Blue/Green) or a router that shifts traffic, such as "
                    + "traefik", spec.key(), dev.canary.spec.Redaction.oneLine(why));
        }
    }

    @Override
    public String toString() {
        return "KubernetesRouter[no traffic routing]";
    }
}
