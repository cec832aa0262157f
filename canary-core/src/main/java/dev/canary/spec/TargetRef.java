package dev.canary.spec;

import java.util.Objects;

/**
 * The workload under release; defaults to an {@code apps/v1} {@code Deployment}. Immutable and thread-safe;
 * {@link #deployment(String)}, or {@link #builder(String)} for another kind.
 */
public record TargetRef(String apiVersion, String kind, String name) {
    public static final String DEFAULT_API_VERSION = "apps/v1";
    public static final String DEFAULT_KIND = "Deployment";

    public TargetRef {
        Objects.requireNonNull(apiVersion, "apiVersion == null");
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(name, "name == null");
    }

    /** A Deployment named {@code name}. */
    public static TargetRef deployment(String name) {
        return builder(name).build();
    }

    /** A builder of a reference to {@code name}, by default a Deployment. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link TargetRef}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String apiVersion = DEFAULT_API_VERSION;
        private String kind = DEFAULT_KIND;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
        }

        public Builder apiVersion(String apiVersion) {
            this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion == null");
            return this;
        }

        public Builder kind(String kind) {
            this.kind = Objects.requireNonNull(kind, "kind == null");
            return this;
        }

        public TargetRef build() {
            return new TargetRef(apiVersion, kind, name);
        }
    }
}
