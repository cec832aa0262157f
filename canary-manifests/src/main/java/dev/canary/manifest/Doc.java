package dev.canary.manifest;

import dev.canary.manifest.Node.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    /** Fields read, in order: their paths are built only when a problem needs a location. */
    private final List<Read> read = new ArrayList<>();
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

    /** A field read: {@code parent.key} (or {@code parent} alone when key is null), at a location or node. */
    private record Read(String parent, @Nullable String key, @Nullable Location at, @Nullable Node node) {
        String path() {
            return key == null ? parent : parent.isEmpty() ? key : parent + "." + key;
        }

        Location location() {
            return at != null ? at : java.util.Objects.requireNonNull(node).location();
        }
    }

    void remember(String path, Location at) {
        read.add(new Read(path, null, at, null));
    }

    /** Remembers that field {@code key} of the object at {@code parent} was read and holds {@code value}. */
    void remember(String parent, String key, Node value) {
        read.add(new Read(parent, key, null, value));
    }

    /** The location of {@code path}, or of its nearest enclosing field that was read. */
    Location locate(String path) {
        Map<String, Location> locations = this.locations;
        if (locations == null) {
            locations = new HashMap<>();
            this.locations = locations;
        }
        for (; indexed < read.size(); indexed++) {
            locations.putIfAbsent(read.get(indexed).path(), read.get(indexed).location());
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
