package dev.canary.backtest;

import dev.canary.spec.DecisionRecord;
import dev.canary.spec.Routes;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One replayed tick: the engine's decision, as a live run records it (time, phase, weight, failed checks, every
 * check's value and bounds, the decision), with the weights the engine was given and those the history recorded.
 *
 * @param decision the decision, with the check evaluations of the tick
 * @param routes   the weights the engine read back from the replayed router in this tick, or {@code null} when
 *                 the tick did not read them
 * @param recorded the weights the router really had then, from the history, or {@code null} when it cannot tell
 */
public record ReplayTick(DecisionRecord decision, @Nullable Routes routes, @Nullable Routes recorded) {
    public ReplayTick {
        Objects.requireNonNull(decision, "decision == null");
    }
}
