package dev.canary.traefik;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Navigation in the untyped maps and lists that YAML and JSON objects parse into. */
final class Maps {
    private Maps() {
    }

    /** {@code node[key]} when {@code node} is a map, else null. */
    static @Nullable Object child(@Nullable Object node, String key) {
        return node instanceof Map<?, ?> map ? map.get(key) : null;
    }

    /** Follows {@code path} through nested maps; null when any step is missing. */
    static @Nullable Object path(@Nullable Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = child(current, key);
        }
        return current;
    }

    /** The list at {@code node}, or an empty list when it is not a list. */
    static List<?> list(@Nullable Object node) {
        return node instanceof List<?> list ? list : List.of();
    }

    /** The string at {@code node[key]}, or null. */
    static @Nullable String string(@Nullable Object node, String key) {
        Object value = child(node, key);
        return value == null ? null : value.toString();
    }
}
