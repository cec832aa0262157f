package dev.canary.spec;

import java.util.Objects;

/**
 * Whether a workload is ready to serve.
 *
 * @param state  ready, still rolling out, or failed for good
 * @param reason why it is not ready (empty when ready)
 */
public record Readiness(State state, String reason) {
    public enum State {
        READY,
        /** Rolling out or scaling; worth waiting for (within the progress deadline). */
        WAITING,
        /** Will not become ready without a change (such as a crash loop the platform gave up on). */
        FAILED
    }

    public static final Readiness READY = new Readiness(State.READY, "");

    public Readiness {
        Objects.requireNonNull(state, "state == null");
        Objects.requireNonNull(reason, "reason == null");
    }

    public static Readiness waiting(String reason) {
        return new Readiness(State.WAITING, reason);
    }

    public static Readiness failed(String reason) {
        return new Readiness(State.FAILED, reason);
    }

    public boolean isReady() {
        return state == State.READY;
    }
}
