package dev.canary.internal;

import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.CanaryRun;
import dev.canary.RunStatus;
import dev.canary.engine.RunState;
import dev.canary.spec.Redaction;
import dev.canary.spi.RunLease;
import dev.canary.spi.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's share of a fleet: every poll it tries the leases of the canaries it does not run, starts a run
 * for each lease it gets (up to its capacity), and reports a canary that another replica ended. A run it
 * started polls its own lease at every tick, so a canary is polled here by its run or by this class, never
 * both. Each poll first reads the leases of all the canaries it would try at once ({@link RunLease#heldElsewhere},
 * on Kubernetes one list call per namespace) and tries only those no other replica holds. Polls run one at a time
 * (the next is scheduled when one ended); the result and status reads are thread-safe.
 */
public final class FleetPoller {
    private static final Logger logger = LoggerFactory.getLogger(FleetPoller.class);

    private final Map<String, CanaryRun> runs;
    private final RunLease lease;
    private final StateStore store;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor polls;
    private final Duration pollInterval;
    private final int maxRuns;
    private final Map<String, CompletableFuture<CanaryResult>> results = new ConcurrentHashMap<>();
    private final Map<String, CanaryExecution> running = new ConcurrentHashMap<>();
    private final Map<String, RunState> seenAtStart = new ConcurrentHashMap<>();
    private final Random order = new Random();
    private volatile boolean stopped;
    private Instant startedAt = Instant.EPOCH;

    /**
     * {@code runs} by key, each built over {@code lease}, {@code store} and {@code clock}; polls are scheduled on
     * {@code scheduler} and run on {@code polls} (they block on the lease and the store).
     */
    public FleetPoller(Map<String, CanaryRun> runs, RunLease lease, StateStore store, Clock clock,
            ScheduledExecutorService scheduler, Executor polls, Duration pollInterval, int maxRuns) {
        this.runs = Map.copyOf(runs);
        this.lease = lease;
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.polls = polls;
        this.pollInterval = pollInterval;
        this.maxRuns = maxRuns;
        runs.keySet().forEach(key -> results.put(key, new CompletableFuture<>()));
    }

    /** Reads what is stored for every canary (a run that ends later ended during this fleet) and polls at once. */
    public void start() {
        startedAt = clock.instant();
        for (String key : runs.keySet()) {
            seenAtStart.put(key, stored(key));
        }
        schedule(Duration.ZERO);
    }

    /** Stops polling; runs already started here go on. */
    public void stop() {
        stopped = true;
    }

    public Map<String, CompletableFuture<CanaryResult>> results() {
        return Collections.unmodifiableMap(results);
    }

    public Map<String, CanaryExecution> running() {
        return Map.copyOf(running);
    }

    private void poll() {
        if (stopped) {
            return;
        }
        try {
            List<String> candidates = new ArrayList<>();
            results.forEach((key, result) -> {
                if (!result.isDone() && !running.containsKey(key)) {
                    candidates.add(key);
                }
            });
            Set<String> taken = heldElsewhere(candidates);
            candidates.removeAll(taken);
            Collections.shuffle(candidates, order);
            for (String key : candidates) {
                if (running.size() >= maxRuns || stopped) {
                    break;
                }
                tryToTake(key);
            }
        } finally {
            schedule(pollInterval);
        }
    }

    /** The candidates another replica holds now, read together; none when that read fails (all are tried). */
    private Set<String> heldElsewhere(List<String> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        try {
            return new HashSet<>(lease.heldElsewhere(candidates));
        } catch (RuntimeException e) {
            logger.warn("cannot list the leases of {} canaries, trying each: {}", candidates.size(),
                    Redaction.logged(e));
            return Set.of();
        }
    }

    private void tryToTake(String key) {
        try {
            if (lease.acquire(key).isEmpty()) {
                return;
            }
            RunState stored = stored(key);
            // an end with actions left (its holder died before applying them) is run here: the run applies them
            if (stored.isTerminal() && !stored.equals(seenAtStart.get(key)) && stored.pendingActions().isEmpty()) {
                lease.release(key);
                Objects.requireNonNull(results.get(key)).complete(endedElsewhere(key, stored));
                return;
            }
            logger.info("canary {}: lease taken, running it here (phase {}, weight {})", key,
                    stored.phase().displayName(), stored.canaryWeight());
            CanaryExecution execution = Objects.requireNonNull(runs.get(key)).start();
            running.put(key, execution);
            execution.result().whenComplete((result, failure) -> {
                running.remove(key);
                if (failure != null) {
                    Objects.requireNonNull(results.get(key)).completeExceptionally(failure);
                } else {
                    Objects.requireNonNull(results.get(key)).complete(result);
                }
            });
        } catch (RuntimeException e) {
            logger.warn("canary {}: cannot take it over now, trying again at the next poll: {}", key,
                    Redaction.logged(e));
        }
    }

    private RunState stored(String key) {
        return store.load(key).map(run -> StateCodec.decode(run.document(), store + ", canary " + key))
                .orElse(RunState.initial());
    }

    private CanaryResult endedElsewhere(String key, RunState state) {
        Instant now = clock.instant();
        String last = state.history().isEmpty() ? state.phase().displayName()
                : state.history().get(state.history().size() - 1).summary();
        return new CanaryResult(key, state.phase(), "ended on another replica: " + last,
                Duration.between(startedAt, now),
                RunStatus.of(Objects.requireNonNull(runs.get(key)).spec(), state, now));
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(() -> {
                try {
                    polls.execute(this::poll);
                } catch (RejectedExecutionException e) {
                    stopped = true;
                    logger.warn("the fleet's executor rejected a poll; polling stopped");
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            stopped = true;
            logger.warn("the fleet's scheduler rejected the next poll; polling stopped");
        }
    }
}
