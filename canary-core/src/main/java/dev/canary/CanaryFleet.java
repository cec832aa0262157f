package dev.canary;

import dev.canary.internal.FleetPoller;
import dev.canary.spi.RunLease;
import dev.canary.spi.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Many canaries shared by the replicas of a service. Every replica builds a fleet of the same canaries over a
 * lease and a state store that all replicas share (on Kubernetes: {@code KubernetesLease} and
 * {@code KubernetesStateStore}); each canary is then run by exactly one replica at a time, the one holding its
 * lease.
 *
 * <p>Every {@link Builder#pollInterval poll interval} the fleet tries the lease of each canary it does not run
 * and starts a run for every lease it gets, up to {@link Builder#maxRuns}. A run reads the stored state when it
 * gets the lease, so a canary taken over continues where its last holder stopped. When a replica dies, its
 * leases expire and the others take its canaries over within <b>lease duration + one poll interval</b> of its
 * last renewal. A canary that another replica ended is reported here too, with reason
 * {@code "ended on another replica: ..."}.
 *
 * <pre>{@code
 * CanaryFleet fleet = CanaryFleet.builder()
 *         .lease(KubernetesLease.builder(client).build())
 *         .stateStore(new KubernetesStateStore(client))
 *         .canary(CanaryRun.builder().spec(spec).router(router).target(target).metrics(metrics))
 *         .build();
 * fleet.start();
 * }</pre>
 *
 * <p>Thread-safe once built.
 */
public final class CanaryFleet implements AutoCloseable {
    /** The default time between two polls of the leases this replica does not hold: 10 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);

    private final FleetPoller poller;
    private final @Nullable CanaryRuntime owned;

    private CanaryFleet(FleetPoller poller, @Nullable CanaryRuntime owned) {
        this.poller = poller;
        this.owned = owned;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the stored state of every canary and starts polling their leases; call once. */
    public void start() {
        poller.start();
    }

    /**
     * How each canary ended, by key ({@code namespace/name}): a future that completes when the run ended here
     * or on another replica. Unmodifiable.
     */
    public Map<String, CompletableFuture<CanaryResult>> results() {
        return poller.results();
    }

    /** The runs this replica drives now (holding, or trying to renew, their lease), by key. */
    public Map<String, CanaryExecution> running() {
        return poller.running();
    }

    /**
     * Stops polling. Runs started here go on unless the fleet created its own runtime: that is closed, so its runs
     * stop at their next tick without releasing their leases, and other replicas take them over. (A runtime given
     * to {@link Builder#runtime} stays open: close it after the fleet to stop the runs.)
     */
    @Override
    public void close() {
        poller.stop();
        if (owned != null) {
            owned.close();
        }
    }

    /** Settings of a {@link CanaryFleet}; not thread-safe. */
    public static final class Builder {
        private final List<CanaryRun.Builder> canaries = new ArrayList<>();
        private @Nullable RunLease lease;
        private @Nullable StateStore store;
        private Clock clock = Clock.systemUTC();
        private @Nullable ScheduledExecutorService scheduler;
        private @Nullable ExecutorService executor;
        private @Nullable CanaryRuntime runtime;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int maxRuns = Integer.MAX_VALUE;

        private Builder() {
        }

        /**
         * One canary: a run builder with its spec and providers. The fleet sets its lease, state store, clock,
         * scheduler and executor to the fleet's.
         */
        public Builder canary(CanaryRun.Builder run) {
            canaries.add(Objects.requireNonNull(run, "run == null"));
            return this;
        }

        /** The lease shared by the replicas; required. Its holder identity must differ between replicas. */
        public Builder lease(RunLease lease) {
            this.lease = Objects.requireNonNull(lease, "lease == null");
            return this;
        }

        /** The state store shared by the replicas; required. */
        public Builder stateStore(StateStore store) {
            this.store = Objects.requireNonNull(store, "store == null");
            return this;
        }

        /** The clock of the fleet and its runs; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /**
         * The threads of every run of the fleet and of its polls (lease reads and state loads run on its blocking
         * pool, never on its scheduler thread). Default: a runtime of the fleet's own with the default threads
         * ({@link CanaryRuntime#builder()}), closed by {@link #close()}. A runtime given here may be shared with
         * other runs and fleets and is not closed by the fleet.
         */
        public Builder runtime(CanaryRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime == null");
            return this;
        }

        /**
         * Where polls and ticks are scheduled, instead of the runtime's scheduler (a test's manual scheduler); polls
         * then run on it. Not shut down by the fleet.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
            return this;
        }

        /** Where blocking provider calls run, instead of the runtime's pools. Not shut down by the fleet. */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        /** How often the leases this replica does not hold are tried; default 10 s. */
        public Builder pollInterval(Duration pollInterval) {
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive but was " + pollInterval);
            }
            this.pollInterval = pollInterval;
            return this;
        }

        /** At most this many canaries run on this replica at once; default unlimited. */
        public Builder maxRuns(int maxRuns) {
            if (maxRuns < 1) {
                throw new IllegalArgumentException("maxRuns must be at least 1 but was " + maxRuns);
            }
            this.maxRuns = maxRuns;
            return this;
        }

        /**
         * Builds every run.
         *
         * @throws IllegalStateException when the lease or the state store is missing, or two canaries share a key
         */
        public CanaryFleet build() {
            if (lease == null || store == null) {
                throw new IllegalStateException("lease and stateStore are required: a fleet shares its canaries"
                        + " with other replicas through them (such as KubernetesLease and KubernetesStateStore)");
            }
            CanaryRuntime threads = runtime != null ? runtime : CanaryRuntime.builder().build();
            CanaryRuntime owned = runtime == null ? threads : null;
            Map<String, CanaryRun> runs = new LinkedHashMap<>();
            try {
                for (CanaryRun.Builder canary : canaries) {
                    CanaryRun.Builder run = canary.lease(lease).stateStore(store).clock(clock).runtime(threads);
                    if (scheduler != null) {
                        run.scheduler(scheduler);
                    }
                    if (executor != null) {
                        run.executor(executor);
                    }
                    CanaryRun built = run.build();
                    if (runs.putIfAbsent(built.spec().key(), built) != null) {
                        throw new IllegalStateException("canary " + built.spec().key() + " is in the fleet twice");
                    }
                }
            } catch (RuntimeException e) {
                if (owned != null) {
                    owned.close();
                }
                throw e;
            }
            // polls block on the lease and the store: on the runtime's blocking pool, or inline on a given scheduler
            ScheduledExecutorService ticks = scheduler != null ? scheduler : threads.scheduler();
            java.util.concurrent.Executor polls = scheduler != null ? Runnable::run : threads.blocking();
            return new CanaryFleet(new FleetPoller(runs, lease, store, clock, ticks, polls, pollInterval, maxRuns),
                    owned);
        }
    }
}
