package dev.canary.manifest;

import dev.canary.manifest.Node.Location;
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
    private final Map<String, Location> locations = new HashMap<>();
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
        locations.putIfAbsent(path, at);
    }

    /** The location of {@code path}, or of its nearest enclosing field that was read. */
    Location locate(String path) {
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
