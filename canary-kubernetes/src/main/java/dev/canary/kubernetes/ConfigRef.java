package dev.canary.kubernetes;

import java.util.Objects;

/** A ConfigMap or Secret a pod template references, by name. Ordered by kind, then name. */
record ConfigRef(Kind kind, String name) implements Comparable<ConfigRef> {

    enum Kind {
        CONFIG_MAP("configmap"),
        SECRET("secret");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    ConfigRef {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(name, "name == null");
    }

    static ConfigRef configMap(String name) {
        return new ConfigRef(Kind.CONFIG_MAP, name);
    }

    static ConfigRef secret(String name) {
        return new ConfigRef(Kind.SECRET, name);
    }

    @Override
    public int compareTo(ConfigRef other) {
        return toString().compareTo(other.toString());
    }

    /** {@code configmap/name} or {@code secret/name}. */
    @Override
    public String toString() {
        return kind.label + "/" + name;
    }
}
