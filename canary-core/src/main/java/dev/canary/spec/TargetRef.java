package dev.canary.spec;

import java.util.Objects;

/** The workload under release; defaults to an {@code apps/v1} {@code Deployment}. */
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
        return new TargetRef(DEFAULT_API_VERSION, DEFAULT_KIND, name);
    }
}
