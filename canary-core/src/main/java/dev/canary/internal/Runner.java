package dev.canary.internal;

import dev.canary.CanaryEvent;
import dev.canary.spec.CanaryException;
import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.RunStatus;
import dev.canary.engine.Command;
import dev.canary.spec.GateAnswer;
import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.Redaction;
import dev.canary.spec.Severity;
import dev.canary.spi.RemoteCommand;
import dev.canary.spi.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handle of one run and its schedule. Ticks are due at fixed times (start + k x interval, see
 * {@link Schedule}); each is a chain of asynchronous stages ({@link TickPipeline}) that holds no thread while it
 * waits for user code, and the next tick is scheduled only when the last one ended, so ticks never overlap. A run
 * whose sequential checks watch between ticks ({@link dev.canary.spec.SequentialSpec#watch()}) also runs watches
 * in the gaps, one at a time like the ticks, never past a due tick. Commands and status reads are thread-safe.
 */
public final class Runner implements CanaryExecution {
    private static final Logger logger = LoggerFactory.getLogger(Runner.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final RunContext context;
    private final CanarySpec spec;
    private final Calls calls;
    private final TickPipeline pipeline;
    private final Endings endings;
    private final CompletableFuture<CanaryResult> result = new CompletableFuture<>();
    private final Set<Command> commands = EnumSet.noneOf(Command.class);
    /** Events raised outside a tick's decision (commands, overruns, failing hooks); published in order. */
    private final Queue<CanaryEvent> notes = new ConcurrentLinkedQueue<>();

    private volatile boolean paused;
    private volatile RunStatus status;
    private Instant startedAt = Instant.EPOCH;
    private Duration retryDelay = FIRST_RETRY;
    private @Nullable Schedule schedule;
    /** How often the run looks for harm between ticks, or null. */
    private final @Nullable Duration watchEvery;

    // guarded by this
    private @Nullable ScheduledFuture<?> pending;
    private Instant due = Instant.EPOCH;
    /** Whether the scheduled run is a watch between ticks rather than a tick. */
    private boolean watchScheduled;
    /** When the next tick is due while watches run before it. */
    private Instant tickDue = Instant.EPOCH;
    private boolean ticking;
    private boolean stopped;
    private long generation;
    /** Whether this run counts among its grid's aligned runs, until it ends. */
    private boolean onGrid;

    public Runner(RunContext context) {
        this.context = context;
        this.spec = context.spec();
        this.calls = new Calls(spec.key(), context.scheduler(), context.blocking(), context.stages(),
                context.clock());
        this.pipeline = new TickPipeline(context, calls, notes, this::applyRemote);
        this.endings = new Endings(context, calls);
        this.watchEvery = dev.canary.engine.Engine.watchEvery(spec);
        this.status = RunStatus.of(spec, pipeline.state(), context.clock().instant());
    }

    /** Loads the stored state (resuming a run) and schedules the first tick at once. */
    public void start() {
        startedAt = context.clock().instant();
        Instant anchor = context.tickGrid().join(startedAt, spec.analysis().interval());
        synchronized (this) {
            onGrid = anchor != null;
        }
        schedule = new Schedule(anchor != null ? anchor : startedAt, spec.analysis().interval());
        Optional<StoredRun> run = context.store().load(spec.key());
        Optional<RunState> stored = run.map(r -> StateCodec.decode(r.document(),
                context.store() + ", canary " + spec.key()));
        run.ifPresent(pipeline::restoreManualAnswers);
        stored.ifPresent(s -> {
            pipeline.resume(s);
            logger.info("canary {}: resuming in phase {} at weight {}", spec.key(), s.phase().displayName(),
                    s.canaryWeight());
        });
        status = RunStatus.of(spec, pipeline.state(), startedAt);
        scheduleAt(startedAt);
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
        pipeline.abortReason(reason);
        addCommand(Command.ABORT);
        tickNow();
    }

    @Override
    public void promoteNow() {
        addCommand(Command.PROMOTE_NOW);
    }

    @Override
    public void approve(HookType type) {
        context.hooks().answer(spec, type, GateAnswer.APPROVE, "approved");
        notes.add(new CanaryEvent.Note(spec.key(), context.clock().instant(), Severity.INFO,
                type.wireName() + " approved manually"));
        storeAnswers(type);
    }

    @Override
    public void deny(HookType type, String reason) {
        context.hooks().answer(spec, type, GateAnswer.DENY, reason);
        notes.add(new CanaryEvent.Note(spec.key(), context.clock().instant(), Severity.WARN,
                type.wireName() + " denied manually: " + reason));
        storeAnswers(type);
    }

    /** Writes the manual answers to the state store before the command returns (see {@link #approve}). */
    private void storeAnswers(HookType type) {
        if (!pipeline.storeManualAnswers()) {
            logger.debug("canary {}: answer for {} kept in memory until the next tick", spec.key(),
                    type.wireName());
        }
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

    @Override
    public void close() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
            leaveGrid();
        }
        RunState state = pipeline.state();
        String why = "canary " + spec.key() + ": stopped by close() in phase " + state.phase().displayName()
                + " at weight " + state.canaryWeight() + "; its state stays stored and the run can be resumed";
        logger.info("{}", why);
        endings.releaseAndCloseHooks().whenComplete((ignored, failure) -> {
            endings.closeCreated();
            result.completeExceptionally(new CanaryException(why));
        });
    }

    /** Runs the tick (or watch) scheduled last ({@code ticket}); one replaced by a later schedule does nothing. */
    private void tick(long ticket) {
        Instant dueAt;
        boolean watch;
        Instant watchBy;
        synchronized (this) {
            if (stopped || ticking || ticket != generation || result.isDone()) {
                return;
            }
            ticking = true;
            pending = null;
            dueAt = due;
            watch = watchScheduled;
            watchBy = tickDue;
        }
        Instant now = context.clock().instant();
        if (context.stats() != null && !watch) {
            context.stats().record(Duration.between(dueAt, now));
        }
        CompletableFuture<TickPipeline.Outcome> tick;
        try {
            if (watch) {
                Instant by = now.plus(Objects.requireNonNull(watchEvery, "a watch is scheduled only with watchEvery"));
                tick = pipeline.watch(now, by.isBefore(watchBy) ? by : watchBy, paused);
            } else {
                tick = pipeline.tick(now, paused, this::drainCommands, this::restoreCommands);
            }
        } catch (Throwable e) {
            tick = CompletableFuture.failedFuture(e);
        }
        tick.whenComplete((outcome, failure) -> afterTick(outcome, failure, watch));
    }

    private void afterTick(TickPipeline.@Nullable Outcome outcome, @Nullable Throwable failure, boolean watch) {
        synchronized (this) {
            ticking = false;
        }
        if (failure != null) {
            Throwable e = Calls.unwrap(failure);
            if (e instanceof Error error) {
                emergencyStop(error);
                return;
            }
            String why = Redaction.NONE.quote(String.valueOf(e.getMessage()), 1000);
            String what = watch ? "watch between ticks" : "tick";
            logger.warn("canary {}: {} failed, retrying: {}: {}", spec.key(), what, e.getClass().getName(), why);
            pipeline.failed(e, context.clock().instant());
            notes.add(new CanaryEvent.Note(spec.key(), context.clock().instant(), Severity.WARN,
                    what + " failed, retrying: " + why));
            retry();
            return;
        }
        status = pipeline.status();
        switch (Objects.requireNonNull(outcome, "a tick without failure has an outcome")) {
            case FINISHED -> finish(null);
            case RETRY -> retry();
            case NEXT -> {
                if (watch) {
                    afterWatch();
                } else {
                    next();
                }
            }
        }
    }

    private Schedule started() {
        return Objects.requireNonNull(schedule, "the run has started");
    }

    private void next() {
        retryDelay = FIRST_RETRY;
        Instant now = context.clock().instant();
        Schedule.Next next = started().next(now);
        if (next.skipped() > 0) {
            if (context.stats() != null) {
                context.stats().skipped(next.skipped());
            }
            notes.add(new CanaryEvent.Note(spec.key(), now, Severity.WARN, "the last tick overran its interval of "
                    + dev.canary.spi.Durations.format(spec.analysis().interval()) + ": skipped " + next.skipped()
                    + " due tick(s); the next is due at " + next.due()));
        }
        pipeline.skippedTicks(started().skipped());
        status = pipeline.status();
        plan(now, next.due());
    }

    /** After a watch that changed nothing: the next watch, or the tick still due (at once when it is past due). */
    private void afterWatch() {
        Instant now = context.clock().instant();
        Instant scheduled = started().scheduled();
        plan(now, scheduled.isBefore(now) ? now : scheduled);
    }

    /**
     * Schedules what comes after {@code now}: the tick due at {@code tickAt}, or first a watch one
     * {@code watchEvery} from now when the run watches and the watch ends more than half a period before the tick.
     */
    private void plan(Instant now, Instant tickAt) {
        if (hasAbort()) {
            scheduleAt(now);
            return;
        }
        Duration every = watchEvery;
        if (every != null && pipeline.watching()) {
            Instant at = now.plus(every);
            if (at.plus(every.dividedBy(2)).isBefore(tickAt)) {
                scheduleAt(at, true, tickAt);
                return;
            }
        }
        scheduleAt(tickAt);
    }

    private void retry() {
        Instant now = context.clock().instant();
        Instant at = hasAbort() ? now : started().retry(now, retryDelay);
        Duration doubled = retryDelay.multipliedBy(2);
        retryDelay = doubled.compareTo(spec.analysis().interval()) > 0 ? spec.analysis().interval() : doubled;
        scheduleAt(at);
    }

    /** Runs a tick at once when none is running or paused (an abort must not wait for the next due tick). */
    private void tickNow() {
        synchronized (this) {
            if (ticking || stopped || paused || pending == null || result.isDone()) {
                return;
            }
            pending.cancel(false);
            pending = null;
        }
        scheduleAt(context.clock().instant());
    }

    private void scheduleAt(Instant at) {
        scheduleAt(at, false, at);
    }

    private void scheduleAt(Instant at, boolean watch, Instant tickAt) {
        synchronized (this) {
            if (stopped || result.isDone()) {
                return;
            }
            due = at;
            watchScheduled = watch;
            tickDue = tickAt;
            Duration delay = Duration.between(context.clock().instant(), at);
            try {
                // the first stages run on the scheduler thread; they hand over to other threads at the first call
                // that does not answer at once
                long ticket = ++generation;
                pending = context.scheduler().schedule(() -> tick(ticket), Math.max(0, delay.toNanos()),
                        TimeUnit.NANOSECONDS);
                return;
            } catch (RejectedExecutionException e) {
                pending = null;
            }
        }
        emergencyStop(new CanaryException("canary " + spec.key() + ": the scheduler rejected the next tick (was "
                + "its runtime closed?)"));
    }

    /** Guarded by this. */
    private void leaveGrid() {
        if (onGrid) {
            onGrid = false;
            context.tickGrid().leave();
        }
    }

    /** An unexpected failure ends the run: first all traffic back to the primary, then the result fails. */
    private void emergencyStop(Throwable failure) {
        endings.allTrafficToPrimary(failure).whenComplete((ignored, never) -> finish(failure));
    }

    private void finish(@Nullable Throwable failure) {
        synchronized (this) {
            stopped = true;
            leaveGrid();
        }
        Instant end = context.clock().instant();
        endings.releaseAndCloseHooks().whenComplete((ignored, never) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(new CanaryResult(spec.key(), pipeline.state().phase(), pipeline.reason(),
                        Duration.between(startedAt, end), status));
            }
        });
    }

    /** A command waiting in the state store (when it keeps them), applied as if given through this handle. */
    private void applyRemote(RemoteCommand command) {
        logger.info("canary {}: remote command {}", spec.key(), Redaction.oneLine(String.valueOf(command)));
        try {
            switch (command.kind()) {
                case ABORT -> abort(command.reason().isEmpty() ? "aborted remotely" : command.reason());
                case PROMOTE -> promoteNow();
                case APPROVE -> approve(java.util.Objects.requireNonNull(command.gate()));
                case DENY -> deny(java.util.Objects.requireNonNull(command.gate()),
                        command.reason().isEmpty() ? "denied remotely" : command.reason());
            }
        } catch (IllegalArgumentException e) {
            logger.warn("canary {}: remote command {} ignored: {}", spec.key(), Redaction.oneLine(String.valueOf(command)),
                    Redaction.oneLine(String.valueOf(e.getMessage())));
            notes.add(new CanaryEvent.Note(spec.key(), context.clock().instant(), Severity.WARN,
                    "remote command " + command.kind() + " ignored: " + e.getMessage()));
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

    private boolean hasAbort() {
        synchronized (commands) {
            return commands.contains(Command.ABORT) && !paused;
        }
    }
}
