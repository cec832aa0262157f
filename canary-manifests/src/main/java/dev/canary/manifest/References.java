package dev.canary.manifest;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a canary's template and alert provider references against the objects of the same input, then
 * the resolvers of the options; an unresolved reference is an error naming it.
 */
final class References {
    private final ManifestOptions options;
    /** The input's templates and alert providers by reference (indexed once: a lookup per reference). */
    private final Map<ObjectRef, MetricTemplate> templates = new LinkedHashMap<>();
    private final Map<ObjectRef, AlertProviderResource> alertProviders = new LinkedHashMap<>();

    References(ManifestOptions options, List<MetricTemplate> templates, List<AlertProviderResource> alertProviders) {
        this.options = options;
        templates.forEach(t -> this.templates.putIfAbsent(t.ref(), t));
        alertProviders.forEach(a -> this.alertProviders.putIfAbsent(a.ref(), a));
    }

    List<MetricTemplate> templates(CanaryDraft draft) {
        List<MetricTemplate> found = resolve(draft, draft.templateRefs(), "MetricTemplate",
                ref -> Optional.ofNullable(templates.get(ref)), options.templateResolver(), templates.keySet());
        requireLatencyBuckets(draft, found);
        return found;
    }

    /** A check judged on latency ({@code latencyBound}) needs a template that names the latency buckets. */
    private static void requireLatencyBuckets(CanaryDraft draft, List<MetricTemplate> found) {
        List<MetricCheck> referring = draft.spec().analysis().metrics().stream()
                .filter(m -> m.templateRef() != null).toList();
        for (int i = 0; i < referring.size() && i < draft.templateRefs().size(); i++) {
            MetricCheck check = referring.get(i);
            CanaryDraft.Ref r = draft.templateRefs().get(i);
            if (check.sequential() == null || check.sequential().latencyBound() == null) {
                continue;
            }
            found.stream().filter(t -> t.ref().equals(r.ref()))
                    .filter(t -> t.counts() == null || t.counts().buckets() == null).findFirst()
                    .ifPresent(t -> draft.doc().error(r.path(), draft.doc().locate(r.path()), "MetricTemplate "
                            + key(r.ref()) + " names no latency buckets (annotation " + CountAnnotations.BUCKETS
                            + "), which check '" + check.name() + "' is judged on (sequential latencyBound)"));
        }
    }

    List<AlertProviderResource> alertProviders(CanaryDraft draft) {
        return resolve(draft, draft.alertRefs(), "AlertProvider", ref -> Optional.ofNullable(alertProviders.get(ref)),
                options.alertProviderResolver(), alertProviders.keySet());
    }

    private static <T> List<T> resolve(CanaryDraft draft, List<CanaryDraft.Ref> refs, String kind,
            Function<ObjectRef, Optional<T>> local, Function<ObjectRef, Optional<T>> resolver,
            Collection<ObjectRef> known) {
        List<T> found = new ArrayList<>();
        for (CanaryDraft.Ref r : refs) {
            Optional<T> value = local.apply(r.ref());
            if (value.isEmpty()) {
                try {
                    value = Objects.requireNonNullElse(resolver.apply(r.ref()), Optional.empty());
                } catch (RuntimeException e) {
                    draft.doc().error(r.path(), draft.doc().locate(r.path()), "ManifestOptions." + resolverName(kind)
                            + " failed for " + key(r.ref()) + ": " + e);
                    continue;
                }
            }
            if (value.isPresent()) {
                if (!found.contains(value.get())) {
                    found.add(value.get());
                }
            } else {
                draft.doc().error(r.path(), draft.doc().locate(r.path()), kind + " " + key(r.ref())
                        + " is neither in this input nor found by ManifestOptions." + resolverName(kind)
                        + hint(r.ref(), known));
            }
        }
        return found;
    }

    private static String hint(ObjectRef ref, Collection<ObjectRef> known) {
        if (known.isEmpty()) {
            return "; add its document to the input or give a resolver";
        }
        List<String> keys = known.stream().map(References::key).toList();
        return Suggest.nearest(key(ref), keys).map(k -> "; did you mean " + k + "?")
                .orElse("; the input has " + keys);
    }

    private static String resolverName(String kind) {
        return "MetricTemplate".equals(kind) ? "templateResolver" : "alertProviderResolver";
    }

    private static String key(ObjectRef ref) {
        return ref.namespace() + "/" + ref.name();
    }
}
