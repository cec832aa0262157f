package dev.canary.kubernetes.replicas;

import dev.canary.CanaryExecution;
import dev.canary.CanaryRun;
import dev.canary.engine.RunState;
import dev.canary.internal.StateCodec;
import dev.canary.kubernetes.KubernetesLease;
import dev.canary.kubernetes.KubernetesStateStore;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.StateStore;
import dev.canary.spi.StoredRun;
import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.MutableClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * One replica of the embedding service: its own lease identity, its own Kubernetes state store and its own
 * scheduler on the shared time line. Every write it makes to a {@link World} is logged with the lease holder
 * of that moment, and it can be killed between ticks or at a chosen point inside one.
 */
final class Replica {
    /** Where inside a tick a replica can be killed. */
    enum Point { OBSERVE, SAVE, ACT }

    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration MARGIN = Duration.ofSeconds(5);

    final String identity;
    final KubernetesLease lease;
    final KubernetesStateStore store;
    final ReplicaScheduler scheduler;
    final ExecutorService executor = new DirectExecutor();
    private final KubernetesClient client;
    private final MutableClock clock;
    private final Map<String, World> worlds = new ConcurrentHashMap<>();
    private volatile Point killAt;
    private volatile boolean checkHolder = true;
    private volatile Point stallAt;
    private volatile Predicate<RunState> killAfterStoring = state -> false;
    private volatile Duration stall = Duration.ZERO;

    Replica(String identity, KubernetesClient client, MutableClock clock, ScheduledExecutorService shared) {
        this(identity, client, clock, shared, LEASE, MARGIN);
    }

    Replica(String identity, KubernetesClient client, MutableClock clock, ScheduledExecutorService shared,
            Duration leaseDuration, Duration safetyMargin) {
        this.identity = identity;
        this.client = client;
        this.clock = clock;
        this.lease = KubernetesLease.builder(client).identity(identity).clock(clock)
                .leaseDuration(leaseDuration).safetyMargin(safetyMargin).build();
        this.store = new KubernetesStateStore(client);
        this.scheduler = new ReplicaScheduler(shared);
    }

    /** A run of {@code world}'s canary through this replica's lease, store, scheduler and wrapped providers. */
    CanaryRun.Builder run(World world) {
        worlds.put(world.key(), world);
        return CanaryRun.builder().spec(world.spec).router(router(world)).target(target(world))
                .metrics(metrics(world)).stateStore(store()).lease(lease).clock(clock).scheduler(scheduler)
                .executor(executor).listener(world::observed);
    }

    CanaryExecution start(World world) {
        return run(world).build().start();
    }

    /** Dies now, between ticks: nothing of it runs again and it releases nothing. */
    void kill() {
        scheduler.kill();
    }

    /** Dies at the next call at {@code point}, inside a tick. */
    void killAt(Point point) {
        killAt = point;
    }

    /**
     * Dies at its first action after it stored a state that {@code stored} accepts: the state is saved, none of
     * its actions applied (as a process killed right after its write-ahead save).
     */
    void killAfterStoring(Predicate<RunState> stored) {
        killAfterStoring = stored;
    }

    boolean killed() {
        return scheduler.killed();
    }

    /** Whether the lease of {@code key} names this replica as its holder. */
    boolean holds(String key) {
        return identity.equals(holder(key));
    }

    String holder(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        Lease current = client.leases().inNamespace(namespace).withName(lease.leaseName(key)).get();
        return current == null || current.getSpec() == null ? "nobody" : current.getSpec().getHolderIdentity();
    }

    /** Stalls once at the next call at {@code point} for {@code pause}, as a long GC pause would. */
    void stallAt(Point point, Duration pause) {
        stallAt = point;
        stall = pause;
    }

    private void at(Point point) {
        if (killed() || killAt == point) {
            scheduler.kill();
            throw new IllegalStateException(identity + " was killed");
        }
        if (stallAt == point) {
            stallAt = null;
            clock.advance(stall);
        }
    }

    private void acted(World world, String what) {
        world.acted(identity, clock.instant(), what, checkHolder ? holder(world.key()) : identity);
    }

    /** Whether every write reads the Lease to check that this replica holds it (one more request per write). */
    Replica checkHolder(boolean check) {
        checkHolder = check;
        return this;
    }

    private MetricsProvider metrics(World world) {
        MetricsProvider real = world.metrics();
        return query -> {
            at(Point.OBSERVE);
            return real.query(query);
        };
    }

    /** This replica's state store, logging every save into the world of its canary. */
    StateStore store() {
        return recording;
    }

    private final StateStore recording = new StateStore() {
        @Override
        public Optional<StoredRun> load(String key) {
            return store.load(key);
        }

        @Override
        public void save(String key, StoredRun run) {
            at(Point.SAVE);
            acted(worlds.get(key), "save " + run.phase().displayName() + " at " + run.canaryWeight());
            store.save(key, run);
            if (killAfterStoring.test(StateCodec.decode(run.document()))) {
                killAt = Point.ACT;
            }
        }

        @Override
        public void delete(String key) {
            store.delete(key);
        }
    };

    private TrafficRouter router(World world) {
        return new TrafficRouter() {
            @Override
            public void reconcile(CanarySpec spec) {
                at(Point.ACT);
                acted(world, "reconcile");
                world.router.reconcile(spec);
            }

            @Override
            public Routes routes(CanarySpec spec) {
                return world.router.routes(spec);
            }

            @Override
            public void setRoutes(CanarySpec spec, Routes routes) {
                at(Point.ACT);
                acted(world, "set " + routes);
                world.router.setRoutes(spec, routes);
            }
        };
    }

    private DeploymentTarget target(World world) {
        return new DeploymentTarget() {
            @Override
            public void initialize(CanarySpec spec) {
                at(Point.ACT);
                acted(world, "initialize");
                world.target.initialize(spec);
            }

            @Override
            public TargetStatus status(CanarySpec spec) {
                return world.target.status(spec);
            }

            @Override
            public void scaleCanaryUp(CanarySpec spec) {
                at(Point.ACT);
                acted(world, "scale up");
                world.target.scaleCanaryUp(spec);
            }

            @Override
            public void scaleCanaryDown(CanarySpec spec) {
                at(Point.ACT);
                acted(world, "scale down");
                world.target.scaleCanaryDown(spec);
            }

            @Override
            public void promote(CanarySpec spec) {
                at(Point.ACT);
                acted(world, "promote");
                world.target.promote(spec);
            }
        };
    }

    @Override
    public String toString() {
        return identity;
    }
}
