package dev.canary.manifest;

import dev.canary.spec.MetricTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Count queries of a Flagger {@code MetricTemplate}, through annotations (Flagger's schema has no room for them;
 * Flagger ignores annotations): {@code sequential.canary.dev/requests}, {@code sequential.canary.dev/failures} and
 * optionally {@code sequential.canary.dev/buckets}, each a PromQL query rendered like {@code spec.query} plus
 * {@code {{ window }}} (see {@link MetricTemplate.Counts}). They let checks that use the template be judged
 * sequentially. Read on top of the manifest tree; stateless.
 */
final class CountAnnotations {
    static final String REQUESTS = SequentialAnnotations.PREFIX + "requests";
    static final String FAILURES = SequentialAnnotations.PREFIX + "failures";
    static final String BUCKETS = SequentialAnnotations.PREFIX + "buckets";
    private static final List<String> KEYS = List.of(REQUESTS, FAILURES, BUCKETS);

    private CountAnnotations() {
    }

    /** The template's count queries, or null when it has none; problems are recorded on the document. */
    static MetricTemplate.@Nullable Counts read(Obj root) {
        Obj metadata = root.object("metadata");
        Obj annotations = metadata == null ? null : metadata.object("annotations");
        if (annotations == null) {
            return null;
        }
        boolean any = false;
        boolean ok = true;
        for (String key : annotations.keys()) {
            if (!key.startsWith(SequentialAnnotations.PREFIX)) {
                continue;
            }
            any = true;
            if (!KEYS.contains(key)) {
                annotations.doc().error(annotations.path(key), annotations.keyLocation(key), "unknown count query "
                        + "of a MetricTemplate; known: " + KEYS + Suggest.hint(key, KEYS));
                ok = false;
            } else if (annotations.string(key, "").isBlank()) {
                annotations.doc().error(annotations.path(key), annotations.keyLocation(key), "must be a query");
                ok = false;
            }
        }
        if (!any || !ok) {
            return null;
        }
        for (String required : List.of(REQUESTS, FAILURES)) {
            if (!annotations.has(required)) {
                annotations.doc().error(annotations.path(required), annotations.location(), "is required when a "
                        + "MetricTemplate names count queries (with " + REQUESTS + " and " + FAILURES + ")");
                ok = false;
            }
        }
        return ok ? new MetricTemplate.Counts(annotations.string(REQUESTS, ""), annotations.string(FAILURES, ""),
                annotations.string(BUCKETS)) : null;
    }

    /** The annotations of {@code counts}, in the order requests, failures, buckets. */
    static Map<String, Object> write(MetricTemplate.Counts counts) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(REQUESTS, counts.requests());
        annotations.put(FAILURES, counts.failures());
        if (counts.buckets() != null) {
            annotations.put(BUCKETS, counts.buckets());
        }
        return annotations;
    }
}
