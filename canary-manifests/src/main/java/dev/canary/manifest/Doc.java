package dev.canary.manifest;

import dev.canary.manifest.Node.Location;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one document is being read for: its number, where its problems go, the router its fields are judged
 * against, and the location of every field read (so later problems can point at them). Not thread-safe.
 */
final class Doc {
    /** Routers this library ships; fields only other routers use are errors for these. */
    static final Set<String> SHIPPED_ROUTERS = Set.of("traefik", "kubernetes");

    private final int number;
    private final Problems problems;
    /**
     * Fields read, in order, as parallel arrays (a record each would cost more than the tree): the parent path,
     * the key (null: the parent itself), and the location or the node read. Paths are built only when a problem
     * needs a location.
     */
    private String[] parents = new String[8];
    private @Nullable String[] keys = new String[8];
    private Object[] places = new Object[8];
    private int reads;
    private @Nullable Map<String, Location> locations;
    private int indexed;
    private @Nullable String router;
    private int errors;

    Doc(int number, Problems problems) {
        this.number = number;
        this.problems = problems;
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

    void remember(String path, Location at) {
        add(path, null, at);
    }

    /** Remembers that field {@code key} of the object at {@code parent} was read and holds {@code value}. */
    void remember(String parent, String key, Node value) {
        int last = reads - 1;
        if (last >= 0 && parents[last] == parent && key.equals(keys[last])) {
            return;
        }
        add(parent, key, value);
    }

    private void add(String parent, @Nullable String key, Object place) {
        if (reads == parents.length) {
            parents = Arrays.copyOf(parents, reads * 2);
            keys = Arrays.copyOf(keys, reads * 2);
            places = Arrays.copyOf(places, reads * 2);
        }
        parents[reads] = parent;
        keys[reads] = key;
        places[reads++] = place;
    }

    /** The location of {@code path}, or of its nearest enclosing field that was read. */
    Location locate(String path) {
        Map<String, Location> locations = this.locations;
        if (locations == null) {
            locations = new HashMap<>();
            this.locations = locations;
        }
        for (; indexed < reads; indexed++) {
            String parent = parents[indexed];
            String key = keys[indexed];
            String read = key == null ? parent : parent.isEmpty() ? key : parent + "." + key;
            Object place = places[indexed];
            locations.putIfAbsent(read, place instanceof Location l ? l : ((Node) place).location());
        }
        String p = path;
        while (!p.isEmpty()) {
            Location at = locations.get(p);
            if (at != null) {
                return at;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return Location.UNKNOWN;
    }
}
