package dev.canary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.engine.Action;
import dev.canary.engine.RunState;
import dev.canary.internal.StateCodec;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.Verdict;
import dev.canary.spi.StateStore;
import dev.canary.spi.StoredRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The contract every {@link StateStore} keeps. Subclass it with a store over a fresh, empty backend. */
public abstract class AbstractStateStoreContractTest {

    protected abstract StateStore store();

    /** A stored run whose document has every field of the state set, so that a lossy store shows. */
    public static StoredRun richRun(int weight) {
        return StateCodec.stored(richState(weight));
    }

    /** A state with every field set, so that a lossy store shows. */
    public static RunState richState(int weight) {
        Instant at = Instant.parse("2026-11-26T10:15:30.123456789Z");
        CheckEvaluation check = new CheckEvaluation("request-success-rate", Verdict.PASS, 99.5,
                ThresholdRange.atLeast(99), 1234, "99.5 within [99.0, +inf]", "sum(rate(x[1m]))");
        CheckEvaluation noValue = new CheckEvaluation("request-duration", Verdict.INCONCLUSIVE, null,
                ThresholdRange.atMost(500), -1, "no data", "");
        return RunState.initial().toBuilder()
                .phase(Phase.PROGRESSING)
                .canaryWeight(weight)
                .mirrored(true)
                .failedChecks(2)
                .iterations(3)
                .lastAppliedRevision("rev-b")
                .lastPromotedRevision("rev-a")
                .waitingSince(at)
                .phaseSince(at.minusSeconds(30))
                .rollbackReason("failed checks threshold reached 10")
                .ticks(42)
                .lastChecks(Map.of(check.name(), check, noValue.name(), noValue))
                .history(List.of(new DecisionRecord(41, at, Phase.PROGRESSING, weight, 2, "advanced", List.of(check))))
                .pendingActions(List.of(new Action.SetRoutes(Routes.canary(weight)), new Action.ScaleCanaryUp(),
                        new Action.RunHooks(HookType.POST_ROLLOUT), new Action.Promote(),
                        new Action.ScaleCanaryDown(), new Action.Initialize()))
                .build();
    }

    @Test
    void loadsNothingForAnUnknownKey() {
        assertThat(store().load("default/never-run")).isEmpty();
    }

    @Test
    void loadsWhatWasSavedWithEveryField() {
        StateStore store = store();
        StoredRun run = richRun(25);
        store.save("demo/podinfo", run);
        assertThat(store.load("demo/podinfo")).contains(run);
    }

    @Test
    void saveReplacesThePreviousState() {
        StateStore store = store();
        store.save("demo/podinfo", richRun(5));
        store.save("demo/podinfo", richRun(10));
        assertThat(store.load("demo/podinfo")).contains(richRun(10));
    }

    @Test
    void keysAreIndependent() {
        StateStore store = store();
        store.save("demo/a", richRun(5));
        store.save("demo/b", StateCodec.stored(RunState.initial()));
        assertThat(store.load("demo/a")).contains(richRun(5));
        assertThat(store.load("demo/b")).contains(StateCodec.stored(RunState.initial()));
    }

    @Test
    void deleteForgetsTheState() {
        StateStore store = store();
        store.save("demo/podinfo", richRun(5));
        store.delete("demo/podinfo");
        assertThat(store.load("demo/podinfo")).isEmpty();
    }

    @Test
    void concurrentSavesLeaveOneCompleteState() {
        StateStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture.allOf(IntStream.rangeClosed(1, 20)
                    .mapToObj(w -> CompletableFuture.runAsync(() -> store.save("demo/podinfo", richRun(w)), pool))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        StoredRun loaded = store.load("demo/podinfo").orElseThrow();
        assertThat(loaded).isEqualTo(richRun(loaded.canaryWeight()));
    }
}
