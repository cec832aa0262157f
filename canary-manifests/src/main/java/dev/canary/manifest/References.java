package dev.canary.manifest;

import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a canary's template and alert provider references against the objects of the same input, then
 * the resolvers of the options; an unresolved reference is an error naming it.
 */
final class References {
    private final ManifestOptions options;
    private final List<MetricTemplate> templates;
    private final List<AlertProviderResource> alertProviders;

    References(ManifestOptions options, List<MetricTemplate> templates, List<AlertProviderResource> alertProviders) {
        this.options = options;
        this.templates = templates;
        this.alertProviders = alertProviders;
    }

    List<MetricTemplate> templates(CanaryDraft draft) {
        return resolve(draft, draft.templateRefs(), "MetricTemplate",
                ref -> templates.stream().filter(t -> t.ref().equals(ref)).findFirst(), options.templateResolver(),
                templates.stream().map(MetricTemplate::ref).toList());
    }

    List<AlertProviderResource> alertProviders(CanaryDraft draft) {
        return resolve(draft, draft.alertRefs(), "AlertProvider",
                ref -> alertProviders.stream().filter(a -> a.ref().equals(ref)).findFirst(),
                options.alertProviderResolver(), alertProviders.stream().map(AlertProviderResource::ref).toList());
    }

    private static <T> List<T> resolve(CanaryDraft draft, List<CanaryDraft.Ref> refs, String kind,
            Function<ObjectRef, Optional<T>> local, Function<ObjectRef, Optional<T>> resolver, List<ObjectRef> known) {
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

    private static String hint(ObjectRef ref, List<ObjectRef> known) {
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
