package dev.canary.manifest;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.ObjectRef;
import java.util.List;

/**
 * A Canary read from a document, before its references to templates and alert providers are resolved.
 *
 * @param root         the path of the Canary object in its document ({@code ""}, or {@code items[2]} in a List)
 * @param templateRefs each metric's templateRef, with the path it was read from
 * @param alertRefs    each alert's providerRef, with the path it was read from
 */
record CanaryDraft(CanarySpec spec, ProviderSelection providers, Doc doc, String root, List<Ref> templateRefs,
        List<Ref> alertRefs) {
    /** A reference with its namespace resolved, and the field it was read from. */
    record Ref(ObjectRef ref, String path) {
    }
}
