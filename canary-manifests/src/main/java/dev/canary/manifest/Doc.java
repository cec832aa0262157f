package dev.canary.manifest;

import dev.canary.manifest.Node.ListNode;
import dev.canary.manifest.Node.Location;
import dev.canary.manifest.Node.MapNode;
import dev.canary.manifest.Node.ScalarNode;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one document is being read for: its number, where its problems go, the router its fields are judged
 * against, and its mapping (so later problems can point at their fields). Not thread-safe.
 */
final class Doc {
    /** Routers this library ships; fields only other routers use are errors for these. */
    static final Set<String> SHIPPED_ROUTERS = Set.of("traefik", "kubernetes");

    private final int number;
    private final Problems problems;
    /** The document's mapping, in which {@link #locate} finds paths. */
    private final MapNode root;
    private @Nullable String router;
    private int errors;

    Doc(int number, Problems problems, MapNode root) {
        this.number = number;
        this.problems = problems;
        this.root = root;
    }

    int number() {
        return number;
    }

    /** Judges router-specific fields against {@code router}; null: a router chosen later, one we ship. */
    void router(@Nullable String router) {
        this.router = router;
    }

    @Nullable String router() {
        return router;
    }

    /** Whether the canary is read for a router this library ships (or for one chosen later). */
    boolean strict() {
        return router == null || SHIPPED_ROUTERS.contains(router);
    }

    void error(String path, @Nullable Location at, String message) {
        errors++;
        problems.error(number, path, at, message);
    }

    void warn(String path, @Nullable Location at, String message) {
        problems.warn(number, path, at, message);
    }

    /** Errors recorded for this document so far. */
    int errors() {
        return errors;
    }

    /**
     * The location of the value at {@code path} (such as {@code spec.analysis.metrics[0].interval}), or of its
     * nearest enclosing value that is present: a mapping's field, or a list item that is a mapping. Unknown
     * when not even the first field is present. Paths are resolved only when a problem needs a location, so a
     * load keeps no record of what it read.
     */
    Location locate(String path) {
        Location found = Location.UNKNOWN;
        Node node = root;
        int at = 0;
        while (at < path.length()) {
            Node next;
            int end;
            if (path.charAt(at) == '[') {
                end = path.indexOf(']', at);
                int i = end < 0 ? -1 : index(path, at + 1, end);
                next = node instanceof ListNode list && i >= 0 && i < list.count()
                        && list.item(i) instanceof MapNode item ? item : null;
                end++;
            } else {
                int key = node instanceof MapNode map ? longestKey(map, path, at) : -1;
                next = key < 0 ? null : ((MapNode) node).value(key);
                end = key < 0 ? at : at + ((MapNode) node).key(key).length();
            }
            if (next == null || next instanceof ScalarNode s && s.isNull()) {
                return found;
            }
            found = next.location();
            node = next;
            at = end < path.length() && path.charAt(end) == '.' ? end + 1 : end;
        }
        return found;
    }

    /**
     * The entry whose key {@code path} continues with at {@code from}, up to a '.', '[' or its end, the longest
     * such key when several are (a key may hold dots); -1: none. A hash lookup per candidate, however many keys.
     */
    private static int longestKey(MapNode map, String path, int from) {
        for (int end = path.length(); end > from; end--) {
            if (end == path.length() || path.charAt(end) == '.' || path.charAt(end) == '[') {
                int i = map.indexOf(path.substring(from, end));
                if (i >= 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int index(String path, int from, int to) {
        if (from >= to || to - from > 9) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }
}
