package dev.canary.internal;

import dev.canary.CanaryListener;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.InvalidSpecException;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.ProviderFactory;
import dev.canary.spi.RouterCapability;
import dev.canary.spi.RunLease;
import dev.canary.spi.StateStore;
import dev.canary.spi.TrafficRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The providers asked for in a builder, each kind given as an instance or as a name with settings, and all
 * resolved the same way at build time (so the builder's class loader applies to every kind, whenever it was set).
 * Not thread-safe.
 */
public final class Providers {
    private @Nullable TrafficRouter router;
    private @Nullable Named routerName;
    private @Nullable MetricsProvider metrics;
    private @Nullable Named metricsName;
    private @Nullable DeploymentTarget target;
    private @Nullable Named targetName;
    private @Nullable StateStore store;
    private @Nullable Named storeName;
    private @Nullable RunLease lease;
    private @Nullable Named leaseName;
    private final List<CanaryListener> listeners = new ArrayList<>();
    private final List<Named> listenerNames = new ArrayList<>();

    private record Named(String name, ProviderConfig config) {
    }

    /**
     * The resolved providers; {@code metrics} is null when the spec has no metric checks and none was given;
     * {@code created} are the ones built here by name (the run closes them when its execution is closed).
     */
    public record Resolved(TrafficRouter router, @Nullable MetricsProvider metrics, DeploymentTarget target,
            List<AutoCloseable> created) {
        public Resolved {
            created = List.copyOf(created);
        }
    }

    public void router(TrafficRouter router) {
        this.router = router;
        this.routerName = null;
    }

    public void router(String name, ProviderConfig config) {
        this.routerName = new Named(name, config);
        this.router = null;
    }

    public void metrics(MetricsProvider metrics) {
        this.metrics = metrics;
        this.metricsName = null;
    }

    public void metrics(String name, ProviderConfig config) {
        this.metricsName = new Named(name, config);
        this.metrics = null;
    }

    public void target(DeploymentTarget target) {
        this.target = target;
        this.targetName = null;
    }

    public void target(String name, ProviderConfig config) {
        this.targetName = new Named(name, config);
        this.target = null;
    }

    public void stateStore(StateStore store) {
        this.store = store;
        this.storeName = null;
    }

    public void stateStore(String name, ProviderConfig config) {
        this.storeName = new Named(name, config);
        this.store = null;
    }

    public void lease(RunLease lease) {
        this.lease = lease;
        this.leaseName = null;
    }

    public void lease(String name, ProviderConfig config) {
        this.leaseName = new Named(name, config);
        this.lease = null;
    }

    public void listener(CanaryListener listener) {
        listeners.add(listener);
    }

    public void listener(String name, ProviderConfig config) {
        listenerNames.add(new Named(name, config));
    }

    /** The state store given or named; in memory when neither. */
    public StateStore stateStore(ClassLoader loader) {
        if (store != null) {
            return store;
        }
        return storeName == null ? new InMemoryStateStore()
                : create("state store", StateStore.Factory.class, storeName, loader, "dev.canary:canary-kubernetes");
    }

    /** The lease given or named; {@link RunLease#ALWAYS_HELD} when neither. */
    public RunLease lease(ClassLoader loader) {
        if (lease != null) {
            return lease;
        }
        return leaseName == null ? RunLease.ALWAYS_HELD
                : create("run lease", RunLease.Factory.class, leaseName, loader, "dev.canary:canary-kubernetes");
    }

    /** The listeners given, then the listeners named, in the order they were added. */
    public List<CanaryListener> listeners(ClassLoader loader) {
        List<CanaryListener> all = new ArrayList<>(listeners);
        for (Named named : listenerNames) {
            all.add(create("listener", CanaryListener.Factory.class, named, loader,
                    "the module that provides the listener '" + named.name() + "'"));
        }
        return List.copyOf(all);
    }

    public Resolved resolve(CanarySpec spec, ClassLoader loader, Set<String> gateNames) {
        TrafficRouter r = router != null ? router
                : create("traffic router", TrafficRouter.Factory.class, routerName, loader,
                        "dev.canary:canary-traefik");
        DeploymentTarget t = target != null ? target
                : create("deployment target", DeploymentTarget.Factory.class, targetName, loader,
                        "dev.canary:canary-kubernetes");
        MetricsProvider m = metrics;
        if (m == null && (metricsName != null || !spec.analysis().metrics().isEmpty())) {
            m = create("metrics provider", MetricsProvider.Factory.class, metricsName, loader,
                    "dev.canary:canary-prometheus");
        }
        List<String> routerSays = r.problems(spec);
        List<String> problems = new ArrayList<>(routerSays.isEmpty() ? capabilityProblems(spec, r) : routerSays);
        problems.addAll(gateProblems(spec, gateNames));
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(spec.key(), problems);
        }
        List<AutoCloseable> created = new ArrayList<>();
        if (router == null) {
            created.add(r);
        }
        if (target == null) {
            created.add(t);
        }
        if (metrics == null && m != null) {
            created.add(m);
        }
        return new Resolved(r, m, t, created);
    }

    /** What the spec asks of the router that the router cannot do. */
    static List<String> capabilityProblems(CanarySpec spec, TrafficRouter router) {
        AnalysisSpec a = spec.analysis();
        Set<RouterCapability> can = router.capabilities();
        List<String> problems = new ArrayList<>();
        String name = router.getClass().getSimpleName();
        if (a.mirror() && !can.contains(RouterCapability.MIRRORING)) {
            problems.add("analysis.mirror needs a router that can mirror traffic, but " + name + " cannot");
        }
        boolean headers = a.match().stream().anyMatch(m -> !m.headers().isEmpty());
        boolean cookies = a.match().stream().anyMatch(m -> !m.cookies().isEmpty());
        if (headers && !can.contains(RouterCapability.HEADER_MATCH)) {
            problems.add("analysis.match routes by header, but " + name + " cannot route by header");
        }
        if (cookies && !can.contains(RouterCapability.COOKIE_MATCH)) {
            problems.add("analysis.match routes by cookie, but " + name + " cannot route by cookie");
        }
        return problems;
    }

    private static List<String> gateProblems(CanarySpec spec, Set<String> gateNames) {
        List<String> problems = new ArrayList<>();
        for (WebhookSpec hook : spec.analysis().webhooks()) {
            if (hook.url() == null && !gateNames.contains(hook.name())) {
                problems.add("webhook '" + hook.name() + "' has no url and no gate is registered under that name: "
                        + "call CanaryRun.builder().gate(\"" + hook.name() + "\", ...)");
            }
        }
        return problems;
    }

    private static <T, F extends ProviderFactory<T>> T create(String kind, Class<F> type, @Nullable Named named,
            ClassLoader loader, String artifact) {
        F factory = ProviderSelector.select(kind, ProviderSelector.discover(type, loader),
                named == null ? null : named.name(), artifact);
        return ProviderSelector.create(kind, factory, named == null ? ProviderConfig.EMPTY : named.config());
    }
}
