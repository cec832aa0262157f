package dev.canary.manifest;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed YAML/JSON value with the place it was read from. Only the three YAML kinds exist; no
 * application types are ever constructed.
 */
sealed interface Node {
    Location location();

    /** Nodes in this subtree, counting shared (aliased) subtrees once per use. */
    long size();

    /** A line and column, both 1-based; {@link #UNKNOWN} when not known. */
    record Location(int line, int column) {
        static final Location UNKNOWN = new Location(0, 0);
    }

    /** A mapping; keys in document order, with the location of each key. */
    record MapNode(Map<String, Node> entries, Map<String, Location> keyLocations, Location location, long size)
            implements Node {
        @Nullable Node get(String key) {
            return entries.get(key);
        }

        Location keyLocation(String key) {
            return keyLocations.getOrDefault(key, location);
        }
    }

    /** A sequence. */
    record ListNode(List<Node> items, Location location, long size) implements Node {
    }

    /**
     * A scalar: {@code value} is a {@link String}, {@link Boolean}, {@link Number} or null (YAML null), as the
     * parser resolved it.
     */
    record ScalarNode(@Nullable Object value, String text, Location location) implements Node {
        @Override
        public long size() {
            return 1;
        }

        boolean isNull() {
            return value == null;
        }

        /** What kind of value this is, for messages: "the number 10", "the string 'x'". */
        String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String s) {
                return "the string '" + s + "'";
            }
            return (value instanceof Boolean ? "the boolean " : "the number ") + text;
        }
    }

    /** Describes a node's kind for messages. */
    static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            return s.describe();
        }
        return node instanceof MapNode ? "a mapping" : "a list";
    }
}
