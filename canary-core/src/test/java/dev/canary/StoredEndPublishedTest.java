package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.engine.RunState;
import dev.canary.internal.InMemoryStateStore;
import dev.canary.internal.StateCodec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.StateStore;
import dev.canary.spi.StoredRun;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A process that stored a run's end (write-ahead) and stopped before acting on it never published it either: the
 * process that resumes the run applies the end's actions and publishes the end (rolled back or promoted), so
 * listeners and alerts learn how the release ended. Once applied, the end is stored without its actions, so a later
 * start publishes nothing again.
 */
class StoredEndPublishedTest {
    private static final CanarySpec SPEC = ContractSpecs.seed();

    private final MutableClock clock = MutableClock.at("2026-12-01T05:00:00Z");

    /** A store that keeps every document saved, in order. */
    private static final class Recording implements StateStore {
        final InMemoryStateStore inner = new InMemoryStateStore();
        final List<StoredRun> saved = new ArrayList<>();

        @Override
        public Optional<StoredRun> load(String key) {
            return inner.load(key);
        }

        @Override
        public void save(String key, StoredRun run) {
            saved.add(run);
            inner.save(key, run);
        }

        @Override
        public void delete(String key) {
            inner.delete(key);
        }
    }

    private CanaryResult run(StateStore store, FakeTarget target, FakeRouter router, MetricsProvider metrics,
            List<CanaryEvent> events) {
        ManualScheduler scheduler = new ManualScheduler(clock);
        CanaryExecution execution = CanaryRun.builder().spec(SPEC).router(router).target(target).metrics(metrics)
                .stateStore(store).clock(clock).scheduler(scheduler).executor(scheduler).listener(events::add)
                .build().start();
        for (int i = 0; i < 500 && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result()).isDone();
        return execution.result().join();
    }

    /** The document a release stored for its end before applying the end's actions. */
    private StoredRun storedEnd(MetricsProvider metrics, Predicate<RunState> end) {
        Recording store = new Recording();
        run(store, new FakeTarget("v1", "v2"), new FakeRouter(), metrics, new ArrayList<>());
        return store.saved.stream().filter(r -> {
            RunState s = StateCodec.decode(r.document());
            return end.test(s) && !s.pendingActions().isEmpty();
        }).findFirst().orElseThrow();
    }

    @Test
    void aPromotionStoredButNotAppliedIsAppliedAndPublishedOnce() {
        MetricsProvider healthy = q -> MetricResult.value(100);
        StoredRun end = storedEnd(healthy, s -> s.phase() == Phase.SUCCEEDED);
        InMemoryStateStore store = new InMemoryStateStore();
        store.save(SPEC.key(), end);
        FakeTarget target = new FakeTarget("v1", "v2");
        target.scaleCanaryUp(SPEC);
        List<CanaryEvent> events = new ArrayList<>();

        CanaryResult result = run(store, target, new FakeRouter(), healthy, events);

        assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(target.canaryReplicas()).as("the end's scale-down applied").isZero();
        assertThat(events).filteredOn(e -> e instanceof CanaryEvent.Promoted).singleElement()
                .satisfies(e -> assertThat(((CanaryEvent.Promoted) e).revision()).isEqualTo("v2"));
        assertThat(events).filteredOn(e -> e instanceof CanaryEvent.PhaseChanged).singleElement()
                .satisfies(e -> assertThat(((CanaryEvent.PhaseChanged) e).to()).isEqualTo(Phase.SUCCEEDED));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CanaryEvent.Note.class,
                n -> assertThat(n.message()).contains("its actions had not been applied", "Succeeded")));
        assertThat(StateCodec.decode(store.load(SPEC.key()).orElseThrow().document()).pendingActions()).isEmpty();

        List<CanaryEvent> again = new ArrayList<>();
        run(store, target, new FakeRouter(), healthy, again);
        assertThat(again).noneMatch(e -> e instanceof CanaryEvent.Promoted);
    }

    @Test
    void aRollbackEndStoredButNotAppliedIsPublishedWithItsReason() {
        MetricsProvider failing = q -> MetricResult.value(50);
        Recording first = new Recording();
        run(first, new FakeTarget("v1", "v2"), new FakeRouter(), failing, new ArrayList<>());
        RunState failed = StateCodec.decode(first.inner.load(SPEC.key()).orElseThrow().document());
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        // as an end with post-rollout hooks to run is stored: with its actions, before they are applied
        InMemoryStateStore store = new InMemoryStateStore();
        store.save(SPEC.key(), StateCodec.stored(failed.toBuilder()
                .pendingActions(List.of(new dev.canary.engine.Action.ScaleCanaryDown())).build()));
        FakeTarget target = new FakeTarget("v1", "v2");
        target.scaleCanaryUp(SPEC);
        List<CanaryEvent> events = new ArrayList<>();

        CanaryResult result = run(store, target, new FakeRouter(), failing, events);

        assertThat(result.phase()).isEqualTo(Phase.FAILED);
        assertThat(target.canaryReplicas()).isZero();
        assertThat(events).filteredOn(e -> e instanceof CanaryEvent.RolledBack).singleElement()
                .satisfies(e -> assertThat(((CanaryEvent.RolledBack) e).reason()).contains("rolled back",
                        "failed checks threshold reached"));
    }

    /**
     * A store that stores a run's end and then fails, as a write whose answer was lost (or a process stopped right
     * after the write) leaves it: the end is stored, and the process that decided it does not go on to publish it.
     */
    private static final class StopsAfterStoringTheEnd implements StateStore {
        final InMemoryStateStore inner = new InMemoryStateStore();

        @Override
        public Optional<StoredRun> load(String key) {
            return inner.load(key);
        }

        @Override
        public void save(String key, StoredRun run) {
            inner.save(key, run);
            if (run.phase() == Phase.FAILED) {
                throw new StoppedError();
            }
        }

        @Override
        public void delete(String key) {
            inner.delete(key);
        }
    }

    private static final class StoppedError extends Error {
        StoppedError() {
            super("the end was stored, then the write failed");
        }
    }

    @Test
    void aRollbackEndWithoutActionsIsPublishedBeforeItIsStored() {
        MetricsProvider failing = q -> MetricResult.value(50);
        StopsAfterStoringTheEnd store = new StopsAfterStoringTheEnd();
        List<CanaryEvent> events = new ArrayList<>();
        ManualScheduler scheduler = new ManualScheduler(clock);
        CanaryExecution execution = CanaryRun.builder().spec(SPEC).router(new FakeRouter())
                .target(new FakeTarget("v1", "v2")).metrics(failing).stateStore(store).clock(clock)
                .scheduler(scheduler).executor(scheduler).listener(events::add).build().start();
        for (int i = 0; i < 500 && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }

        assertThat(execution.result()).isDone();
        assertThat(StateCodec.decode(store.inner.load(SPEC.key()).orElseThrow().document()).phase())
                .isEqualTo(Phase.FAILED);
        assertThat(events).filteredOn(e -> e instanceof CanaryEvent.RolledBack).singleElement()
                .satisfies(e -> assertThat(((CanaryEvent.RolledBack) e).reason())
                        .contains("failed checks threshold reached"));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CanaryEvent.PhaseChanged.class,
                p -> assertThat(p.to()).isEqualTo(Phase.FAILED)));
    }
}
