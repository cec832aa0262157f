package dev.canary.simulation;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spi.MetricQuery;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The metric templates a simulation knows, by {@code namespace/name}. A template that names count queries is
 * taken to count the simulated service's requests (and its latency buckets when it names a {@code buckets}
 * query), so a sequential check that uses it is answered with the simulated counts, as Prometheus would answer
 * its queries for the real service. Immutable and thread-safe.
 */
final class SimulatedTemplates {
    static final SimulatedTemplates NONE = new SimulatedTemplates(List.of());

    private final Map<String, MetricTemplate> byKey = new LinkedHashMap<>();

    SimulatedTemplates(Collection<MetricTemplate> templates) {
        templates.forEach(t -> byKey.putIfAbsent(t.namespace() + "/" + t.name(), t));
    }

    /** The template of {@code query}'s check when it names count queries, else {@code null}. */
    @Nullable MetricTemplate counted(MetricQuery query) {
        MetricTemplate template = template(query);
        return template != null && template.counts() != null ? template : null;
    }

    /** Why {@code query}'s check gets no simulated counts. */
    String whyNotCounted(MetricQuery query) {
        MetricCheck check = query.check();
        ObjectRef ref = check.templateRef();
        if (ref == null) {
            return "the simulation counts the builtin checks and metric templates with count queries only, not '"
                    + check.name() + "'";
        }
        if (template(query) == null) {
            return "the simulation knows no metric template " + key(query, ref) + " of check '" + check.name()
                    + "'; give it the manifest's templates (Simulation.Builder.templates); it knows "
                    + byKey.keySet();
        }
        return "metric template " + key(query, ref) + " of check '" + check.name() + "' names no count queries "
                + "(annotations sequential.canary.dev/requests and sequential.canary.dev/failures)";
    }

    private @Nullable MetricTemplate template(MetricQuery query) {
        ObjectRef ref = query.check().templateRef();
        return ref == null ? null : byKey.get(key(query, ref));
    }

    private static String key(MetricQuery query, ObjectRef ref) {
        return (ref.namespace() != null ? ref.namespace() : query.spec().namespace()) + "/" + ref.name();
    }
}
