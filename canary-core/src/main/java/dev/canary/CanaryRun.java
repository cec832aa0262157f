package dev.canary;

import dev.canary.internal.HookTimeouts;
import dev.canary.internal.Hooks;
import dev.canary.internal.Providers;
import dev.canary.internal.RunContext;
import dev.canary.internal.Runner;
import dev.canary.internal.TickGrid;
import dev.canary.internal.hooks.HookSettings;
import dev.canary.internal.hooks.HttpClients;
import dev.canary.internal.hooks.SpecHooks;
import dev.canary.spec.CanaryException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.InvalidSpecException;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.RunLease;
import dev.canary.spi.StateStore;
import dev.canary.spi.TrafficRouter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * One canary release: shifts traffic to the new revision step by step, judges it on live metrics, and
 * promotes it or rolls it back.
 *
 * <pre>{@code
 * CanaryResult result = CanaryRun.builder()
 *     .spec(spec)
 *     .router(new MyRouter())          // or .router("traefik"), found through ServiceLoader
 *     .metrics("prometheus", ProviderConfig.of(Map.of("address", "http://prometheus:9090")))
 *     .target("kubernetes")
 *     .listener(event -> System.out.println(event.message()))
 *     .build()
 *     .run();                          // blocks until Succeeded or Failed
 * }</pre>
 *
 * <p>A run persists its state in the {@link StateStore} after every decision and before acting, so a run
 * built again with the same spec and store resumes where the last process stopped. Instances are
 * immutable; {@link #run()} and {@link #start()} may be called once each run at a time.
 */
public final class CanaryRun {
    private final RunContext context;

    private CanaryRun(RunContext context) {
        this.context = context;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder for continuing the stored run of {@code spec} from {@code store}; {@link Builder#build()}
     * fails when nothing is stored for it.
     */
    public static Builder resume(CanarySpec spec, StateStore store) {
        Builder builder = new Builder().spec(spec).stateStore(store);
        builder.requireStoredState = true;
        return builder;
    }

    public CanarySpec spec() {
        return context.spec();
    }

    /**
     * Runs until the canary is promoted or rolled back, and returns how it ended. This may wait without bound:
     * a fresh target waits (in {@code Initialized}) for a new revision, and gates may wait for an answer; use
     * {@link #run(Duration)} to bound the wait.
     *
     * @throws CanaryException when the run cannot go on (such as a state store that cannot be written)
     */
    public CanaryResult run() {
        try {
            return start().result().join();
        } catch (CompletionException e) {
            throw CanaryException.launder("canary " + spec().key(), e.getCause() != null ? e.getCause() : e);
        }
    }

    /**
     * Runs until the canary is promoted or rolled back, waiting at most {@code timeout} (wall time). When the
     * time is up the run is stopped ({@link CanaryExecution#close()}: its state stays stored and it can be
     * resumed, traffic stays where it is) and a {@link CanaryException} says where it was.
     *
     * @throws CanaryException when the run cannot go on or did not end within {@code timeout}
     */
    public CanaryResult run(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        CanaryExecution execution = start();
        try {
            return execution.result().get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            RunStatus status = execution.status();
            execution.close();
            throw new CanaryException("canary " + spec().key() + " did not end within " + timeout + "; stopped in "
                    + status.summary());
        } catch (java.util.concurrent.ExecutionException e) {
            throw CanaryException.launder("canary " + spec().key(), e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
            execution.close();
            throw CanaryException.launder("canary " + spec().key() + " interrupted", e);
        }
    }

    /** Starts the run in the background and returns a handle to watch and steer it. */
    public CanaryExecution start() {
        Runner runner = new Runner(context);
        runner.start();
        return runner;
    }

    /** Configures a {@link CanaryRun}. Not thread-safe. */
    public static final class Builder {
        private @Nullable CanarySpec spec;
        private final Providers providers = new Providers();
        private final Map<String, Gate> gates = new LinkedHashMap<>();
        private final HookSettings.Builder hookSettings = HookSettings.builder();
        private Clock clock = Clock.systemUTC();
        private @Nullable ScheduledExecutorService scheduler;
        private @Nullable Executor executor;
        private CanaryRuntime runtime = CanaryRuntime.shared();
        private ClassLoader classLoader = Builder.class.getClassLoader();
        private boolean requireStoredState;

        private Builder() {
        }

        public Builder spec(CanarySpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec == null");
            return this;
        }

        public Builder router(TrafficRouter router) {
            providers.router(Objects.requireNonNull(router, "router == null"));
            return this;
        }

        /** A router found through ServiceLoader by name, such as {@code traefik}. */
        public Builder router(String name) {
            return router(name, ProviderConfig.EMPTY);
        }

        public Builder router(String name, ProviderConfig config) {
            providers.router(name, config);
            return this;
        }

        public Builder metrics(MetricsProvider metrics) {
            providers.metrics(Objects.requireNonNull(metrics, "metrics == null"));
            return this;
        }

        /** A metrics provider found through ServiceLoader by name, such as {@code prometheus}. */
        public Builder metrics(String name) {
            return metrics(name, ProviderConfig.EMPTY);
        }

        public Builder metrics(String name, ProviderConfig config) {
            providers.metrics(name, config);
            return this;
        }

        public Builder target(DeploymentTarget target) {
            providers.target(Objects.requireNonNull(target, "target == null"));
            return this;
        }

        /** A deployment target found through ServiceLoader by name, such as {@code kubernetes}. */
        public Builder target(String name) {
            return target(name, ProviderConfig.EMPTY);
        }

        public Builder target(String name, ProviderConfig config) {
            providers.target(name, config);
            return this;
        }

        /** Where the run state is kept; default in memory (lost with the process). */
        public Builder stateStore(StateStore store) {
            providers.stateStore(Objects.requireNonNull(store, "store == null"));
            return this;
        }

        /** A state store found through ServiceLoader by name: {@code memory}, {@code file}, {@code kubernetes}. */
        public Builder stateStore(String name) {
            return stateStore(name, ProviderConfig.EMPTY);
        }

        public Builder stateStore(String name, ProviderConfig config) {
            providers.stateStore(Objects.requireNonNull(name, "name == null"),
                    Objects.requireNonNull(config, "config == null"));
            return this;
        }

        /** Only act while holding this lease; default: always held (a single process). */
        public Builder lease(RunLease lease) {
            providers.lease(Objects.requireNonNull(lease, "lease == null"));
            return this;
        }

        /** A lease found through ServiceLoader by name, such as {@code kubernetes}. */
        public Builder lease(String name) {
            return lease(name, ProviderConfig.EMPTY);
        }

        public Builder lease(String name, ProviderConfig config) {
            providers.lease(Objects.requireNonNull(name, "name == null"),
                    Objects.requireNonNull(config, "config == null"));
            return this;
        }

        /** Adds a listener; see {@link CanaryListener} for its contract. */
        public Builder listener(CanaryListener listener) {
            providers.listener(Objects.requireNonNull(listener, "listener == null"));
            return this;
        }

        /** Adds a listener found through ServiceLoader by name (a {@link CanaryListener.Factory}). */
        public Builder listener(String name) {
            return listener(name, ProviderConfig.EMPTY);
        }

        public Builder listener(String name, ProviderConfig config) {
            providers.listener(Objects.requireNonNull(name, "name == null"),
                    Objects.requireNonNull(config, "config == null"));
            return this;
        }

        /** Registers an in-process gate that answers the spec's webhook named {@code name}. */
        public Builder gate(String name, Gate gate) {
            gates.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(gate, "gate == null"));
            return this;
        }

        /**
         * Makes the spec's webhook named {@code name} a manual gate: it waits until
         * {@link CanaryExecution#approve} or {@link CanaryExecution#deny} is called for its type (its URL, if
         * any, is not called). See {@code docs/hooks.md}.
         */
        public Builder manualGate(String name) {
            hookSettings.manualGate(name);
            return this;
        }

        /**
         * Answers the spec's rollout or pre-rollout webhook named {@code name} with the built-in load generator
         * running {@code test} (started on the first call, reported on at every tick, started again when done).
         */
        public Builder loadTest(String name, LoadTest test) {
            hookSettings.loadTest(name, test);
            return this;
        }

        /**
         * A gate (webhook, in-process or manual) named {@code name} that keeps answering "wait" for longer than
         * {@code deadline} (the run's clock, from its first "wait") is answered "deny" instead: a rollback for
         * confirm gates, a failed check for (pre-)rollout hooks. Default: no deadline (wait forever, as Flagger).
         */
        public Builder gateDeadline(String name, Duration deadline) {
            hookSettings.deadline(name, Objects.requireNonNull(deadline, "deadline == null"));
            return this;
        }

        /**
         * Signs every webhook request with HMAC-SHA256 under {@code key} (at least 16 bytes); see
         * {@link WebhookSignature} for the headers and how to verify them. Default: unsigned.
         */
        public Builder webhookSigningKey(byte[] key) {
            hookSettings.signingKey(Objects.requireNonNull(key, "key == null"));
            return this;
        }

        /**
         * Runs the {@code metadata.cmd} webhooks (Flagger's load tester form) in this process, even those with a
         * URL: {@code hey} on the built-in load generator, other programs when {@link #allowCommands allowed}.
         * Default: a {@code cmd} webhook with a URL is POSTed to it, as Flagger does (the load tester at the URL
         * runs the command, from inside the cluster); one without a URL runs in this process.
         */
        public Builder runCommandsInProcess() {
            hookSettings.commandsInProcess(true);
            return this;
        }

        /**
         * Lets {@code metadata.cmd} webhooks that run in this process (see {@link #runCommandsInProcess()}) run
         * these programs (exact first word of the command, started without a shell). Default: none; {@code hey}
         * commands then run on the built-in load generator and any other command is refused.
         */
        public Builder allowCommands(String... programs) {
            for (String program : programs) {
                hookSettings.allowCommand(Objects.requireNonNull(program, "program == null"));
            }
            return this;
        }

        /**
         * Registers an alert provider under the name a spec's alerts refer to ({@code providerRef.name}). When
         * the spec has no alerts, every registered provider receives every alert.
         */
        public Builder alertProvider(String name, AlertProvider provider) {
            hookSettings.alertProvider(name, provider);
            return this;
        }

        /** The clock of the run; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /**
         * The threads the run uses; default {@link CanaryRuntime#shared()}, which all runs share (a scheduler thread,
         * {@value CanaryRuntime#DEFAULT_STAGE_THREADS} stage threads and a bounded pool of
         * {@value CanaryRuntime#DEFAULT_BLOCKING_THREADS} for blocking provider calls). {@link #scheduler} and
         * {@link #executor} override parts of it for this run.
         */
        public Builder runtime(CanaryRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime == null");
            return this;
        }

        /** Where ticks and call deadlines are scheduled; default the runtime's scheduler. Not shut down by the run. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
            return this;
        }

        /**
         * Where blocking provider calls and the stages of a tick run; default the runtime's pools. Not shut down by
         * the run. A direct executor (or a test's manual scheduler) runs the whole tick on the scheduling thread.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        /** The class loader providers are discovered with; default this library's. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader == null");
            return this;
        }

        /**
         * Resolves the providers and checks that they can serve the spec.
         *
         * @throws InvalidSpecException listing everything the providers cannot do, or missing settings
         * @throws ProviderNotFoundException naming the artifact to add
         */
        public CanaryRun build() {
            if (spec == null) {
                throw new IllegalStateException("spec is required: call spec(CanarySpec) before build()");
            }
            CanarySpec spec = HookTimeouts.capped(this.spec);
            StateStore store = providers.stateStore(classLoader);
            if (requireStoredState && store.load(spec.key()).isEmpty()) {
                throw new CanaryException("no stored state for canary " + spec.key() + " in " + store
                        + ": nothing to resume; use CanaryRun.builder() to start a new run");
            }
            HookSettings settings = hookSettings.build(spec, gates);
            Providers.Resolved resolved = providers.resolve(spec, classLoader, settings.answeredInProcess(spec));
            // event hooks and alerts go out on the runtime's delivery pool, even when the executor is overridden
            Hooks hooks = new SpecHooks(settings, clock, HttpClients.shared(), runtime.deliveries());
            return new CanaryRun(new RunContext(spec, resolved.router(), resolved.metrics(), resolved.target(),
                    store, providers.lease(classLoader), hooks, providers.listeners(classLoader), clock,
                    scheduler != null ? scheduler : runtime.scheduler(),
                    executor != null ? executor : runtime.blocking(),
                    executor != null ? executor : runtime.stages(),
                    scheduler != null ? null : runtime.stats(),
                    scheduler != null ? TickGrid.NONE : runtime.grid(), resolved.created()));
        }
    }
}
