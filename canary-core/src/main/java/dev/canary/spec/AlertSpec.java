package dev.canary.spec;

import java.util.Objects;

/**
 * An alert subscription: alerts at or above {@code severity} go to the provider {@code providerRef}. Immutable and
 * thread-safe; {@link #builder(String, ObjectRef)} defaults the severity.
 *
 * @param severity default {@link Severity#INFO} (everything), also when a manifest leaves it empty
 */
public record AlertSpec(String name, Severity severity, ObjectRef providerRef) {
    public AlertSpec {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(providerRef, "providerRef == null");
    }

    /** A builder of a subscription to {@code providerRef}, severity {@link Severity#INFO}. */
    public static Builder builder(String name, ObjectRef providerRef) {
        return new Builder(name, providerRef);
    }

    /** Builds an {@link AlertSpec}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final ObjectRef providerRef;
        private Severity severity = Severity.INFO;

        private Builder(String name, ObjectRef providerRef) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.providerRef = Objects.requireNonNull(providerRef, "providerRef == null");
        }

        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity == null");
            return this;
        }

        public AlertSpec build() {
            return new AlertSpec(name, severity, providerRef);
        }
    }
}
