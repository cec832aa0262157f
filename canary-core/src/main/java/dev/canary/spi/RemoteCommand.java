package dev.canary.spi;

import dev.canary.spec.HookType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A command given to a run from outside its process, such as an annotation written with {@code kubectl annotate}
 * or {@code canary abort}. The run that owns the canary applies it at its next tick, as if its
 * {@code CanaryExecution} had been called. Immutable.
 *
 * @param kind   what to do
 * @param gate   the hook type approved or denied ({@link Kind#APPROVE}, {@link Kind#DENY}); null otherwise
 * @param reason why, recorded with the run's decision; may be empty
 */
public record RemoteCommand(Kind kind, @Nullable HookType gate, String reason) {
    /** What a remote command does. */
    public enum Kind {
        /** Roll back at the next tick ({@code CanaryExecution.abort}). */
        ABORT,
        /** Promote at the next tick ({@code CanaryExecution.promoteNow}). */
        PROMOTE,
        /** Approve the manual gates of {@link #gate()} ({@code CanaryExecution.approve}). */
        APPROVE,
        /** Deny the manual gates of {@link #gate()} ({@code CanaryExecution.deny}). */
        DENY
    }

    public RemoteCommand {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(reason, "reason == null");
        if ((kind == Kind.APPROVE || kind == Kind.DENY) != (gate != null)) {
            throw new IllegalArgumentException("gate is required for APPROVE and DENY and only for them, but "
                    + kind + " had " + gate);
        }
    }
}
