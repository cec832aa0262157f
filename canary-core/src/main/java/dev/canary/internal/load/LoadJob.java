package dev.canary.internal.load;

import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;

/** A load test or command started by a hook, reported on at every tick. */
interface LoadJob {

    /** Whether it is still running. */
    boolean isRunning();

    /** What it did since the last call (or the start), as the hook's answer. */
    GateResult progress();

    /** Stops it; harmless when it has ended. */
    void stop();

    /** A pass with {@code detail}, or a failure. */
    static GateResult answer(boolean ok, String detail) {
        return new GateResult(ok ? GateAnswer.APPROVE : GateAnswer.DENY, detail);
    }
}
