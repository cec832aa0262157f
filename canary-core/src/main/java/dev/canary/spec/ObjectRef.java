package dev.canary.spec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a named object (metric template, alert provider); {@code namespace} defaults to the
 * canary's namespace when absent.
 */
public record ObjectRef(String name, @Nullable String namespace) {
    public ObjectRef {
        Objects.requireNonNull(name, "name == null");
    }

    public static ObjectRef of(String name) {
        return new ObjectRef(name, null);
    }
}
