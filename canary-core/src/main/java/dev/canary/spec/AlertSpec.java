package dev.canary.spec;

import java.util.Objects;

/**
 * An alert subscription: alerts at or above {@code severity} go to the provider {@code providerRef}.
 *
 * @param severity default {@link Severity#INFO} (everything), also when a manifest leaves it empty
 */
public record AlertSpec(String name, Severity severity, ObjectRef providerRef) {
    public AlertSpec {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(providerRef, "providerRef == null");
    }
}
