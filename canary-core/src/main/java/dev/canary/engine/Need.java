package dev.canary.engine;

import dev.canary.spec.HookType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An observation the engine needs before it can decide a tick.
 *
 * @param kind what to observe
 * @param hook for {@link Kind#GATE}: which hook type to consult
 */
public record Need(Kind kind, @Nullable HookType hook) {
    public enum Kind {
        /** The deployment target's status: revisions and readiness. */
        TARGET,
        /** The router's current weights. */
        ROUTES,
        /** The values of every metric check of the spec (queried concurrently). */
        METRICS,
        /** The request counts of every sequential check, since the analysis started. */
        COUNTS,
        /** The answer of the hooks of one type. */
        GATE
    }

    public static final Need TARGET = new Need(Kind.TARGET, null);
    public static final Need ROUTES = new Need(Kind.ROUTES, null);
    public static final Need METRICS = new Need(Kind.METRICS, null);
    public static final Need COUNTS = new Need(Kind.COUNTS, null);

    public Need {
        Objects.requireNonNull(kind, "kind == null");
        if ((kind == Kind.GATE) != (hook != null)) {
            throw new IllegalArgumentException("a GATE need names a hook type, other needs do not");
        }
    }

    public static Need gate(HookType hook) {
        return new Need(Kind.GATE, hook);
    }
}
