package dev.canary.manifest;

import org.jspecify.annotations.Nullable;

/**
 * Where a node is while parsing, rendered as {@code spec.analysis.metrics[0]} only when a problem is reported:
 * building the text for every node would cost memory quadratic in the nesting depth. Immutable.
 */
record Where(@Nullable Where parent, @Nullable String key, int index) {
    static final Where ROOT = new Where(null, null, -1);

    Where key(String name) {
        return new Where(this, name, -1);
    }

    Where index(int i) {
        return new Where(this, null, i);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "";
        }
        String before = parent.toString();
        return key != null ? (before.isEmpty() ? key : before + "." + key) : before + "[" + index + "]";
    }
}
