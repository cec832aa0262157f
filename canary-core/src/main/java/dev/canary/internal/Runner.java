package dev.canary.internal;

import dev.canary.CanaryEvent;
import dev.canary.CanaryExecution;
import dev.canary.CanaryListener;
import dev.canary.CanaryResult;
import dev.canary.RunStatus;
import dev.canary.engine.Command;
import dev.canary.engine.Decision;
import dev.canary.engine.Engine;
import dev.canary.engine.Event;
import dev.canary.engine.Observations;
import dev.canary.engine.RunState;
import dev.canary.engine.Step;
import dev.canary.spec.CanaryException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.GateAnswer;
import dev.canary.spec.HookType;
import dev.canary.spec.Redaction;
import dev.canary.spec.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one run: every interval it observes what the engine asks for, persists the decision (write-ahead),
 * applies the actions and publishes the events. Ticks run one at a time on the scheduler; commands and status
 * reads are thread-safe.
 */
public final class Runner implements CanaryExecution {
    private static final Logger logger = LoggerFactory.getLogger(Runner.class);
    private static final int MAX_OBSERVE_ROUNDS = 16;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final RunContext context;
    private final CanarySpec spec;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService executor;
    private final boolean ownScheduler;
    private final boolean ownExecutor;
    private final Observer observer;
    private final Actuator actuator;
    private final Events events;
    private final LeaseGuard lease;
    private final CompletableFuture<CanaryResult> result = new CompletableFuture<>();
    private final Set<Command> commands = EnumSet.noneOf(Command.class);
    /** Events raised by commands from other threads; published on the run's thread at the next tick. */
    private final java.util.Queue<CanaryEvent> notes = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private volatile boolean paused;
    private volatile RunState state = RunState.initial();
    private volatile RunStatus status;
    private Instant startedAt = Instant.EPOCH;
    /** The stored state this run started from; a different terminal state found later means the run ended. */
    private RunState startedFrom = RunState.initial();
    private boolean replayPending;
    private boolean reconciled;
    private Duration retryDelay = FIRST_RETRY;

    public Runner(RunContext context) {
        this.context = context;
        this.spec = context.spec();
        this.ownScheduler = context.scheduler() == null;
        this.scheduler = ownScheduler ? Executors.newSingleThreadScheduledExecutor(daemon("canary-run-" + spec.name()))
                : context.scheduler();
        this.ownExecutor = context.executor() == null;
        this.executor = ownExecutor ? Executors.newCachedThreadPool(daemon("canary-io-" + spec.name()))
                : context.executor();
        this.observer = new Observer(context, executor);
        this.actuator = new Actuator(context);
        this.events = new Events(context);
        this.lease = new LeaseGuard(context.lease(), spec.key(), context.clock());
        this.status = RunStatus.of(spec, state, context.clock().instant());
    }

    /** Loads the stored state (resuming a run) and schedules the first tick at once. */
    public void start() {
        startedAt = context.clock().instant();
        Optional<RunState> stored = context.store().load(spec.key())
                .map(run -> StateCodec.decode(run.document(), context.store() + ", canary " + spec.key()));
        stored.ifPresent(s -> {
            state = s;
            replayPending = !s.pendingActions().isEmpty() && !s.isTerminal();
            logger.info("canary {}: resuming in phase {} at weight {}", spec.key(), s.phase().displayName(),
                    s.canaryWeight());
        });
        startedFrom = state;
        status = RunStatus.of(spec, state, startedAt);
        schedule(Duration.ZERO);
    }

    @Override
    public CompletableFuture<CanaryResult> result() {
        return result;
    }

    @Override
    public RunStatus status() {
        return status;
    }

    @Override
    public void abort(String reason) {
        notes.add(new CanaryEvent.Note(spec.key(), context.clock().instant(), Severity.WARN,
                "abort requested: " + reason));
        addCommand(Command.ABORT);
    }

    @Override
    public void promoteNow() {
        addCommand(Command.PROMOTE_NOW);
    }

    @Override
    public void rollbackNow(String reason) {
        abort(reason);
    }

    @Override
    public void approve(HookType type) {
        context.hooks().answer(spec, type, GateAnswer.APPROVE, "approved");
        notes.add(new CanaryEvent.Note(spec.key(), context.clock().instant(), Severity.INFO,
                type.wireName() + " approved manually"));
    }

    @Override
    public void deny(HookType type, String reason) {
        context.hooks().answer(spec, type, GateAnswer.DENY, reason);
        notes.add(new CanaryEvent.Note(spec.key(), context.clock().instant(), Severity.WARN,
                type.wireName() + " denied manually: " + reason));
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    private void tick() {
        if (result.isDone()) {
            return;
        }
        Set<Command> given = Set.of();
        for (CanaryEvent note = notes.poll(); note != null; note = notes.poll()) {
            events.publish(state, note);
        }
        try {
            if (paused) {
                schedule(spec.analysis().interval());
                return;
            }
            if (!lease.acquire()) {
                logger.debug("canary {}: another process holds the lease; not acting", spec.key());
                schedule(spec.analysis().interval());
                return;
            }
            if (lease.mustReload() && reload()) {
                return;
            }
            prepare();
            given = drainCommands();
            Instant now = context.clock().instant();
            Decision decision = decide(Observations.withCommands(given), now);
            if (!lease.stillHeld()) {
                logger.warn("canary {}: the lease expired during the tick; the decision is dropped", spec.key());
                restoreCommands(given);
                schedule(spec.analysis().interval());
                return;
            }
            save(decision.state());
            given = Set.of();
            state = decision.state();
            if (!lease.stillHeld()) {
                logger.warn("canary {}: the lease expired while saving; the holder applies the actions", spec.key());
                replayPending = true;
                schedule(spec.analysis().interval());
                return;
            }
            act(decision);
            events.publishAll(state, decision.events());
            status = RunStatus.of(spec, state, now);
            events.publish(state, new CanaryEvent.Ticked(spec.key(), now, status));
            next(now);
        } catch (RuntimeException e) {
            restoreCommands(given);
            String why = Redaction.NONE.quote(String.valueOf(e.getMessage()), 1000);
            logger.warn("canary {}: tick failed, retrying: {}: {}", spec.key(), e.getClass().getName(), why);
            events.publish(state, new CanaryEvent.Note(spec.key(), context.clock().instant(), Severity.WARN,
                    "tick failed, retrying: " + why));
            scheduleRetry();
        } catch (Error e) {
            finish(null, e);
            throw e;
        }
    }

    /**
     * Reads the stored state again after the lease was acquired without a gap-free hold: another process may
     * have continued the run, so its state (history, failed checks, weights, pending actions) replaces what
     * this run remembered, and its pending actions are the ones replayed. A stored state equal to this run's
     * means nobody else decided anything since. True when the run ended meanwhile (finished here, nothing
     * applied).
     */
    private boolean reload() {
        RunState stored = context.store().load(spec.key()).map(run -> StateCodec.decode(run.document()))
                .orElse(RunState.initial());
        lease.reloaded();
        if (stored.equals(state)) {
            return false;
        }
        Instant now = context.clock().instant();
        logger.info("canary {}: continuing the stored run in phase {} at weight {}", spec.key(),
                stored.phase().displayName(), stored.canaryWeight());
        state = stored;
        replayPending = !stored.pendingActions().isEmpty() && !stored.isTerminal();
        status = RunStatus.of(spec, state, now);
        if (stored.isTerminal() && !stored.equals(startedFrom)) {
            finish(now, null);
            return true;
        }
        return false;
    }

    /** Write-ahead save; a failed save leaves the run unsure of the stored state, so it is read again. */
    private void save(RunState next) {
        try {
            context.store().save(spec.key(), StateCodec.stored(next));
        } catch (RuntimeException e) {
            lease.invalidate();
            throw e;
        }
    }

    /** Re-applies the actions of a decision that was stored but maybe not applied, and reconciles the router once. */
    private void prepare() {
        if (replayPending) {
            actuator.apply(state.pendingActions(), state, true);
            replayPending = false;
        }
        if (!reconciled && state.phase() != dev.canary.spec.Phase.INITIALIZING) {
            context.router().reconcile(spec);
            reconciled = true;
        }
    }

    private Decision decide(Observations first, Instant now) {
        Observations observations = first;
        for (int round = 0; round < MAX_OBSERVE_ROUNDS; round++) {
            Step step = Engine.step(spec, state, observations, now);
            if (step instanceof Decision decision) {
                return decision;
            }
            observations = observer.gather(((Step.Observe) step).needs(), observations, state);
        }
        throw new IllegalStateException("the engine kept asking for observations after " + MAX_OBSERVE_ROUNDS
                + " rounds; this is a bug");
    }

    private void act(Decision decision) {
        try {
            actuator.apply(decision.actions(), state, false);
        } catch (RuntimeException e) {
            replayPending = true;
            throw e;
        }
    }

    private void next(Instant now) {
        if (state.isTerminal()) {
            finish(now, null);
        } else if (state.rollbackReason() != null) {
            scheduleRetry();
        } else {
            retryDelay = FIRST_RETRY;
            schedule(spec.analysis().interval());
        }
    }

    private void finish(Instant now, Throwable failure) {
        try {
            context.lease().release(spec.key());
        } catch (RuntimeException e) {
            logger.warn("canary {}: cannot release the lease: {}", spec.key(), e.toString());
        }
        try {
            context.hooks().close();
        } catch (RuntimeException e) {
            logger.warn("canary {}: cannot close the hooks: {}", spec.key(), e.toString());
        }
        if (failure != null) {
            result.completeExceptionally(failure);
        } else {
            result.complete(new CanaryResult(spec.key(), state.phase(), reason(), Duration.between(startedAt, now),
                    status));
        }
        if (ownScheduler) {
            scheduler.shutdown();
        }
        if (ownExecutor) {
            executor.shutdown();
        }
    }

    private String reason() {
        if (state.history().isEmpty()) {
            return state.phase().displayName();
        }
        DecisionRecord last = state.history().get(state.history().size() - 1);
        return last.summary();
    }

    private void scheduleRetry() {
        schedule(retryDelay);
        Duration doubled = retryDelay.multipliedBy(2);
        retryDelay = doubled.compareTo(spec.analysis().interval()) > 0 ? spec.analysis().interval() : doubled;
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            finish(null, new CanaryException("canary " + spec.key() + ": the scheduler rejected the next "
                    + "tick (was it shut down?)", e));
        }
    }

    private Set<Command> drainCommands() {
        synchronized (commands) {
            Set<Command> drained = commands.isEmpty() ? Set.of() : EnumSet.copyOf(commands);
            commands.clear();
            return drained;
        }
    }

    private void restoreCommands(Set<Command> given) {
        synchronized (commands) {
            commands.addAll(given);
        }
    }

    private void addCommand(Command command) {
        synchronized (commands) {
            commands.add(command);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Delivers events to the listeners (which must not throw) and to the hooks. */
    private static final class Events {
        private final RunContext context;

        Events(RunContext context) {
            this.context = context;
        }

        void publishAll(RunState state, java.util.List<Event> events) {
            events.forEach(e -> publish(state, PublishedEvents.of(e)));
        }

        void publish(RunState state, CanaryEvent event) {
            for (CanaryListener listener : context.listeners()) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    logger.warn("canary {}: listener {} threw on {}: {}", event.canary(), listener, event.message(),
                            e.toString());
                }
            }
            if (!(event instanceof CanaryEvent.Ticked)) {
                context.hooks().publish(context.spec(), state, event);
            }
        }
    }
}
