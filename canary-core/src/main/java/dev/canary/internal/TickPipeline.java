package dev.canary.internal;

import dev.canary.CanaryEvent;
import dev.canary.spec.Phase;
import dev.canary.RunStatus;
import dev.canary.engine.Command;
import dev.canary.engine.Decision;
import dev.canary.spec.DecisionRecord;
import dev.canary.engine.Engine;
import dev.canary.engine.Observations;
import dev.canary.engine.RunState;
import dev.canary.engine.Step;
import dev.canary.spec.CanarySpec;
import dev.canary.spi.RemoteCommand;
import dev.canary.spi.RemoteCommands;
import dev.canary.spi.RunLease;
import dev.canary.spi.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick as a chain of asynchronous stages: lease (and a reload of the stored state when the lease was not held
 * without a gap, see {@link LeaseGuard}) -> replay/reconcile -> observe and decide (as many rounds as the engine
 * asks) -> persist (write-ahead) -> act -> publish. Observation calls share a deadline of half an
 * interval from the tick's start; the state save and the actions get one interval from when they start. Used by
 * one tick at a time; the next tick starts only after the future of this one completed.
 */
final class TickPipeline {
    private static final Logger logger = LoggerFactory.getLogger(TickPipeline.class);
    private static final int MAX_OBSERVE_ROUNDS = 16;

    /** What to do after a tick. */
    enum Outcome { NEXT, RETRY, FINISHED }

    private final RunContext context;
    private final CanarySpec spec;
    private final Calls calls;
    private final Queue<CanaryEvent> notes;
    private final Observer observer;
    private final Actuator actuator;
    private final Publisher publisher;
    private final Duration observeBudget;
    private final Duration actBudget;

    private final LeaseGuard lease;
    private final Consumer<RemoteCommand> remote;
    private volatile RunState state = RunState.initial();
    /** Guards writes to the store, so an answer stored between ticks never overwrites a newer tick's save. */
    private final Object storeLock = new Object();
    /** The state in the store as this run last wrote or read it; null when it found none. Guarded by storeLock. */
    private @Nullable RunState lastStored;
    /** The stored state this run started from; a different terminal state found later means the run ended. */
    private RunState startedFrom = RunState.initial();
    private volatile RunStatus status;
    private volatile @Nullable String abortReason;
    private boolean replayPending;
    /** The stored state read under the lease is an end this run did not start from: it ends the run here. */
    private boolean endedElsewhere;
    private boolean reconciled;
    private @Nullable Instant failingSince;
    private String lastFailure = "";

    TickPipeline(RunContext context, Calls calls, Queue<CanaryEvent> notes, Consumer<RemoteCommand> remote) {
        this.remote = remote;
        this.context = context;
        this.spec = context.spec();
        this.calls = calls;
        this.notes = notes;
        this.observeBudget = spec.analysis().interval().dividedBy(2);
        this.actBudget = spec.analysis().interval();
        this.observer = new Observer(context, calls);
        this.lease = new LeaseGuard(context.lease(), spec.key(), context.clock());
        this.actuator = new Actuator(context, calls, lease::stillHeld);
        this.publisher = new Publisher(context, calls, observeBudget);
        this.status = RunStatus.of(spec, state, context.clock().instant());
    }

    RunState state() {
        return state;
    }

    RunStatus status() {
        return status;
    }

    void resume(RunState stored) {
        synchronized (storeLock) {
            lastStored = stored;
        }
        state = stored;
        startedFrom = stored;
        // a terminal state too: a process killed after storing the end but before acting on it (the canary's
        // scale-down, the routes back to the primary) leaves those actions to the next start
        replayPending = !stored.pendingActions().isEmpty();
    }

    void abortReason(String reason) {
        abortReason = reason;
    }

    /** Why the run ended so, in one line: the last decision's summary. */
    String reason() {
        List<DecisionRecord> history = state.history();
        return history.isEmpty() ? state.phase().displayName() : history.get(history.size() - 1).summary();
    }

    CompletableFuture<Outcome> tick(Instant now, boolean paused, Supplier<Set<Command>> drain,
            Consumer<Set<Command>> restore) {
        CompletableFuture<Void> noted = publishNotes();
        if (paused) {
            return noted.thenApply(ignored -> Outcome.NEXT);
        }
        Instant observeBy = now.plus(observeBudget);
        return noted.thenCompose(ignored -> acquire(observeBy)).thenCompose(held -> {
            if (!held) {
                logger.debug("canary {}: another process holds the lease; not acting", spec.key());
                return CompletableFuture.completedFuture(Outcome.NEXT);
            }
            CompletableFuture<Void> current = lease.mustReload() ? reload(observeBy)
                    : CompletableFuture.completedFuture(null);
            return current.thenCompose(ignored -> endedElsewhere ? applyStoredEnd()
                    : takeRemoteCommands(observeBy).thenCompose(none -> underLease(now, observeBy, drain, restore)))
                    .exceptionallyCompose(TickPipeline::leaseLost);
        });
    }

    /** Whether the run looks for harm between ticks now (see {@link Engine#watching}). */
    boolean watching() {
        return Engine.watching(spec, state);
    }

    /**
     * Looks for harm between ticks: reads the counts of the sequential checks and, when one shows harm, stores and
     * applies the rollback as a tick would. Anything else (no harm, the lease held elsewhere or not read since it
     * was acquired, actions still to be applied, paused) leaves the run as it is, for the next tick. Holds no
     * thread while it waits; reads end by {@code observeBy}.
     */
    CompletableFuture<Outcome> watch(Instant now, Instant observeBy, boolean paused) {
        if (paused || !watching()) {
            return CompletableFuture.completedFuture(Outcome.NEXT);
        }
        return acquire(observeBy).thenCompose(held -> {
            if (!held || lease.mustReload() || endedElsewhere || replayPending) {
                return CompletableFuture.completedFuture(Outcome.NEXT);
            }
            return watchRound(Observations.NONE, state, now, observeBy, 0).thenCompose(decision -> decision == null
                    ? CompletableFuture.completedFuture(Outcome.NEXT)
                    : persistAndAct(decision, now, Set.of(), ignored -> { }));
        }).exceptionallyCompose(TickPipeline::leaseLost);
    }

    private CompletableFuture<@Nullable Decision> watchRound(Observations observations, RunState from, Instant now,
            Instant observeBy, int round) {
        if (round >= MAX_OBSERVE_ROUNDS) {
            return CompletableFuture.failedFuture(new IllegalStateException("the engine kept asking for "
                    + "observations between ticks after " + MAX_OBSERVE_ROUNDS + " rounds; this is a bug"));
        }
        Step step = Engine.watch(spec, from, observations, now);
        if (step == null || step instanceof Decision) {
            return CompletableFuture.completedFuture((Decision) step);
        }
        return observer.gather(((Step.Observe) step).needs(), observations, from, observeBy)
                .thenCompose(more -> watchRound(more, from, now, observeBy, round + 1));
    }

    /** A tick whose lease expired between two actions ends there, without counting as failed. */
    private static CompletableFuture<Outcome> leaseLost(Throwable failure) {
        if (Calls.unwrap(failure) instanceof Actuator.LeaseLostException lost) {
            logger.warn("{}", dev.canary.spec.Redaction.logged(lost.getMessage()));
            return CompletableFuture.completedFuture(Outcome.NEXT);
        }
        return CompletableFuture.failedFuture(failure);
    }

    /** The tick once the lease is held and the stored state current. */
    private CompletableFuture<Outcome> underLease(Instant now, Instant observeBy, Supplier<Set<Command>> drain,
            Consumer<Set<Command>> restore) {
        // past the progress deadline of failing ticks: roll back without the calls that kept failing
        boolean giveUp = failingTooLong(now);
        return (giveUp ? CompletableFuture.<Void>completedFuture(null) : prepare()).thenCompose(ignored -> {
            Set<Command> given = giveUp ? with(drain.get(), Command.ABORT) : drain.get();
            Observations first = Observations.withCommands(given, given.contains(Command.ABORT) ? abortReason : null);
            return decide(first, now, observeBy, 0)
                    .thenCompose(decision -> persistAndAct(decision, now, given, restore));
        });
    }

    /** Applies the commands waiting in the state store (when it keeps them), as if given through the handle. */
    private CompletableFuture<Void> takeRemoteCommands(Instant deadline) {
        if (!(context.store() instanceof RemoteCommands source)) {
            return CompletableFuture.completedFuture(null);
        }
        return calls.blocking("state store commands", deadline, () -> source.take(spec.key()))
                .handle((commands, failure) -> {
                    if (failure != null) {
                        logger.warn("canary {}: cannot read remote commands: {}", spec.key(),
                                dev.canary.spec.Redaction.logged(Calls.unwrap(failure)));
                        return null;
                    }
                    commands.forEach(remote);
                    return null;
                });
    }

    /** Gives the hooks back the manual gate answers stored with the run (given before a restart or elsewhere). */
    void restoreManualAnswers(StoredRun run) {
        StateCodec.manualAnswers(run.document()).forEach((type, answer) -> {
            try {
                context.hooks().answer(spec, type, answer.answer(), answer.detail());
                logger.info("canary {}: stored {} answer for {} restored", spec.key(), answer.answer(),
                        type.wireName());
            } catch (IllegalArgumentException e) {
                logger.warn("canary {}: stored {} answer for {} dropped: {}", spec.key(), answer.answer(),
                        type.wireName(), dev.canary.spec.Redaction.logged(e.getMessage()));
            }
        });
    }

    /** Acquires or renews the lease (bounded; the default lease, always held, is answered at once). */
    private CompletableFuture<Boolean> acquire(Instant deadline) {
        if (context.lease() == RunLease.ALWAYS_HELD) {
            return CompletableFuture.completedFuture(lease.acquire());
        }
        return calls.blocking("lease", deadline, lease::acquire);
    }

    /**
     * Reads the stored state again after the lease was acquired without a gap-free hold: another process may
     * have continued the run, so its state (history, failed checks, weights, pending actions) replaces what this
     * run remembered, and its pending actions are the ones replayed. A stored state equal to this run's means
     * nobody else decided anything since. A stored end that this run did not start from means the run ended
     * meanwhile: see {@link #applyStoredEnd}.
     */
    private CompletableFuture<Void> reload(Instant deadline) {
        CompletableFuture<Optional<StoredRun>> loaded = context.store() instanceof InMemoryStateStore
                ? CompletableFuture.completedFuture(context.store().load(spec.key()))
                : calls.blocking("state store load", deadline, () -> context.store().load(spec.key()));
        return loaded.thenApply(found -> {
            if (found.isEmpty() && lease.heldWithoutGap() && !state.equals(RunState.initial())) {
                // deleted by someone else mid-run: this run's own state is the newest; the next save writes it
                logger.warn("canary {}: its stored state is gone from {} (deleted by another actor); the run goes "
                        + "on from its own state (phase {}, weight {}) and stores it again", spec.key(),
                        context.store(), state.phase().displayName(), state.canaryWeight());
                lease.reloaded();
                return null;
            }
            found.ifPresent(this::restoreManualAnswers);
            RunState stored = found.map(run -> StateCodec.decode(run.document(), context.store() + ", canary "
                    + spec.key())).orElse(RunState.initial());
            synchronized (storeLock) {
                lastStored = found.isPresent() ? stored : null;
            }
            lease.reloaded();
            endedElsewhere = stored.isTerminal() && !stored.equals(startedFrom);
            if (stored.equals(state)) {
                return null;
            }
            logger.info("canary {}: continuing the stored run in phase {} at weight {}", spec.key(),
                    stored.phase().displayName(), stored.canaryWeight());
            state = stored;
            // an end's actions too: its holder may have died after storing it, before acting on it
            replayPending = !stored.pendingActions().isEmpty();
            status = RunStatus.of(spec, state, context.clock().instant(), status.skippedTicks());
            return null;
        });
    }

    /**
     * The stored run ended since this run started (under another holder, or under this one when a save that seemed
     * to fail had landed): its stored actions, which that holder may not have applied (the canary's scale-down, the
     * routes back to the primary, the promotion), are applied again under the lease (they are idempotent, and the
     * latest: read just now), then the run ends with the stored outcome. Nothing is decided.
     */
    private CompletableFuture<Outcome> applyStoredEnd() {
        if (!replayPending) {
            return CompletableFuture.completedFuture(Outcome.FINISHED);
        }
        logger.info("canary {}: the stored run ended ({}) since this run started; applying its stored actions {}",
                spec.key(), state.phase().displayName(), state.pendingActions());
        RunState end = state;
        return actuator.apply(state.pendingActions(), state, true, context.clock().instant().plus(actBudget))
                .thenCompose(ignored -> {
                    replayPending = false;
                    return announce(end);
                })
                .thenCompose(ignored -> settle())
                .thenApply(ignored -> Outcome.FINISHED);
    }

    /**
     * Publishes the end of a run whose stored actions were applied only now: its holder stored the end (write-ahead)
     * and stopped before acting, so before publishing it too. Listeners and alerts get the end (the phase change,
     * then rolled back or promoted, at the time it was decided) with a note that says so; a state that is not an end publishes nothing. The end is stored without its
     * actions only after this, so a holder that stops in between leaves it to be published again (at least once).
     */
    private CompletableFuture<Void> announce(RunState end) {
        if (!end.isTerminal() || end.history().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        DecisionRecord last = end.history().get(end.history().size() - 1);
        Instant now = context.clock().instant();
        List<CanaryEvent> events = new ArrayList<>();
        events.add(new CanaryEvent.Note(spec.key(), now, dev.canary.spec.Severity.WARN, "the run ended ("
                + end.phase().displayName() + ", decided at " + last.at() + ") but its actions had not been applied "
                + "when its process stopped; applied now: " + end.pendingActions()));
        List<DecisionRecord> history = end.history();
        Phase from = history.size() > 1 ? history.get(history.size() - 2).phase() : Phase.PROGRESSING;
        if (from != end.phase()) {
            events.add(new CanaryEvent.PhaseChanged(spec.key(), last.at(), from, end.phase(), last.summary()));
        }
        if (end.phase() == Phase.FAILED) {
            events.add(new CanaryEvent.RolledBack(spec.key(), last.at(), last.summary(), end.failedChecks()));
        } else if (end.phase() == Phase.SUCCEEDED && end.lastPromotedRevision() != null) {
            events.add(new CanaryEvent.Promoted(spec.key(), last.at(), end.lastPromotedRevision()));
        }
        logger.info("canary {}: the stored end ({}) is published now, its actions applied", spec.key(),
                end.phase().displayName());
        return publisher.publishAll(end, events);
    }

    /**
     * Stores an end whose actions were all applied without them, so that nobody applies them again (a restart, a
     * replica taking over). A failed write only leaves them to be applied once more, which does no harm.
     */
    private CompletableFuture<Void> settle() {
        if (!state.isTerminal() || state.pendingActions().isEmpty() || !lease.stillHeld()) {
            return CompletableFuture.completedFuture(null);
        }
        RunState applied = state.toBuilder().pendingActions(List.of()).build();
        return save(applied).handle((ignored, failure) -> {
            if (failure == null) {
                state = applied;
            } else {
                logger.warn("canary {}: could not store that the end's actions were applied (they may be applied "
                        + "again, which does no harm): {}", spec.key(), Calls.unwrap(failure).toString());
            }
            return null;
        });
    }

    /**
     * A tick failed: the next one reconciles the router first (an object deleted by someone else is created again,
     * all traffic on the primary), and the failures are timed against the progress deadline.
     */
    void failed(Throwable failure, Instant now) {
        reconciled = false;
        lastFailure = String.valueOf(failure.getMessage());
        if (failingSince == null) {
            failingSince = now;
        }
    }

    /**
     * Ticks of a run under analysis that kept failing for longer than {@code progressDeadline} (a routing object
     * that cannot be read or recreated, a target that does not answer): the run is rolled back, with an alert.
     */
    private boolean failingTooLong(Instant now) {
        Instant since = failingSince;
        Phase phase = state.phase();
        if (since == null || state.isTerminal() || state.rollbackReason() != null
                || (phase != Phase.PROGRESSING && phase != Phase.WAITING_PROMOTION)
                || Duration.between(since, now).compareTo(spec.progressDeadline()) <= 0) {
            return false;
        }
        abortReason = "ticks failing since " + since + ", past progressDeadline "
                + dev.canary.spi.Durations.format(spec.progressDeadline()) + ": " + lastFailure;
        logger.error("canary {}: rolling back: {}", spec.key(), dev.canary.spec.Redaction.oneLine(abortReason));
        notes.add(new CanaryEvent.Note(spec.key(), now, dev.canary.spec.Severity.ERROR, "rolling back: "
                + abortReason));
        return true;
    }

    private static Set<Command> with(Set<Command> commands, Command command) {
        java.util.EnumSet<Command> more = java.util.EnumSet.of(command);
        more.addAll(commands);
        return more;
    }

    /** Re-applies the actions of a decision that was stored but maybe not applied, and reconciles the router once. */
    private CompletableFuture<Void> prepare() {
        CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
        if (replayPending) {
            RunState replayed = state;
            ready = actuator.apply(state.pendingActions(), state, true, context.clock().instant().plus(actBudget))
                    .thenRun(() -> replayPending = false)
                    .thenCompose(ignored -> announce(replayed));
        }
        if (!reconciled && state.phase() != Phase.INITIALIZING) {
            ready = ready.thenCompose(ignored -> actuator.reconcile(context.clock().instant().plus(actBudget)))
                    .thenRun(() -> reconciled = true);
        }
        return ready;
    }

    private CompletableFuture<Decision> decide(Observations observations, Instant now, Instant observeBy,
            int round) {
        if (round >= MAX_OBSERVE_ROUNDS) {
            return CompletableFuture.failedFuture(new IllegalStateException("the engine kept asking for "
                    + "observations after " + MAX_OBSERVE_ROUNDS + " rounds; this is a bug"));
        }
        Step step = Engine.step(spec, state, observations, now);
        if (step instanceof Decision decision) {
            return CompletableFuture.completedFuture(decision);
        }
        return observer.gather(((Step.Observe) step).needs(), observations, state, observeBy)
                .thenCompose(more -> decide(more, now, observeBy, round + 1));
    }

    private CompletableFuture<Outcome> persistAndAct(Decision decision, Instant now, Set<Command> given,
            Consumer<Set<Command>> restore) {
        if (!lease.stillHeld()) {
            logger.warn("canary {}: the lease expired during the tick; the decision is dropped", spec.key());
            restore.accept(given);
            return CompletableFuture.completedFuture(Outcome.NEXT);
        }
        // An end without actions (a rollback confirmed with no post-rollout hooks) is published before it is stored:
        // stored first, a process stopped right after the save would leave nobody to publish it (a stored end with
        // actions is published by whoever applies them, see announce). Published first, a failed save or a stop
        // before the save has the end decided and published again: at least once.
        boolean announceFirst = decision.actions().isEmpty() && decision.state().isTerminal() && !state.isTerminal()
                && !decision.events().isEmpty();
        CompletableFuture<Void> announced = announceFirst
                ? publishNotes().thenCompose(ignored -> publisher.publishAll(decision.state(), events(decision)))
                : CompletableFuture.completedFuture(null);
        return announced.thenCompose(none -> save(decision.state()).whenComplete((ignored, failure) -> {
            if (failure != null) {
                // a failed save leaves the run unsure of the stored state: it is read again
                lease.invalidate();
                restore.accept(given);
            }
        })).thenCompose(ignored -> {
            state = decision.state();
            if (!lease.stillHeld()) {
                logger.warn("canary {}: the lease expired while saving; the holder applies the actions", spec.key());
                replayPending = true;
                return CompletableFuture.completedFuture(Outcome.NEXT);
            }
            return actAndPublish(decision, now, announceFirst);
        });
    }

    private static List<CanaryEvent> events(Decision decision) {
        return decision.events().stream().map(PublishedEvents::of).toList();
    }

    private CompletableFuture<Outcome> actAndPublish(Decision decision, Instant now, boolean published) {
        return actuator.apply(decision.actions(), state, false, context.clock().instant().plus(actBudget))
                .whenComplete((done, failure) -> replayPending |= failure != null)
                .thenCompose(ignored -> settle())
                .thenCompose(ignored -> publishNotes())
                .thenCompose(ignored -> published ? CompletableFuture.<Void>completedFuture(null)
                        : publisher.publishAll(state, events(decision)))
                .thenCompose(ignored -> {
                    status = RunStatus.of(spec, state, now, status.skippedTicks());
                    return publisher.publish(state, new CanaryEvent.Ticked(spec.key(), now, status));
                })
                .thenApply(ignored -> {
                    failingSince = null;
                    return state.isTerminal() ? Outcome.FINISHED
                            : state.rollbackReason() != null ? Outcome.RETRY : Outcome.NEXT;
                });
    }

    private CompletableFuture<Void> save(RunState next) {
        if (context.store() instanceof InMemoryStateStore) {
            write(next);
            return CompletableFuture.completedFuture(null);
        }
        return calls.blocking("state store save", context.clock().instant().plus(actBudget), () -> {
            write(next);
            return null;
        });
    }

    private void write(RunState next) {
        synchronized (storeLock) {
            if (context.store() instanceof InMemoryStateStore memory) {
                // kept as it is: encoded only if someone loads it
                memory.save(spec.key(), next, context.hooks().manualAnswers());
            } else {
                context.store().save(spec.key(), StateCodec.stored(next, context.hooks().manualAnswers()));
            }
            lastStored = next;
        }
    }

    /**
     * Stores the manual gate answers given so far with the state last stored, at once, so that a run resumed
     * after a crash before the next tick still has them. Nothing is written when the run has ended, or when this
     * process does not hold the lease or has not read the stored state since acquiring it (another process may
     * drive the run: the answer is then kept here only until this process ticks). Called from any thread.
     *
     * @return whether the answers were written
     * @throws dev.canary.ProviderException when the store could not write them (they are still kept in memory and
     *                                      stored with the next tick)
     */
    boolean storeManualAnswers() {
        synchronized (storeLock) {
            RunState base = lastStored != null ? lastStored : RunState.initial();
            if (base.isTerminal() || !lease.mayWrite()) {
                return false;
            }
            write(base);
            return true;
        }
    }

    private CompletableFuture<Void> publishNotes() {
        if (notes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CanaryEvent> drained = new ArrayList<>();
        for (CanaryEvent note = notes.poll(); note != null; note = notes.poll()) {
            drained.add(note);
        }
        return publisher.publishAll(state, drained);
    }

    /** Keeps the status's count of skipped ticks current between ticks. */
    void skippedTicks(long skipped) {
        status = status.withSkippedTicks(skipped);
    }
}
