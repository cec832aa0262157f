package dev.canary.manifest;

import dev.canary.manifest.Node.MapNode;
import dev.canary.spec.MetricTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Reads every document of one input and puts the results together. Not thread-safe; one per load. */
final class DocumentLoader {
    static final String API_VERSION = "flagger.app/v1beta1";
    private static final String GROUP = "flagger.app";
    private static final List<String> KINDS = List.of("Canary", "MetricTemplate", "AlertProvider");

    private final ManifestOptions options;
    private final Problems problems;
    private final List<CanaryDraft> drafts = new ArrayList<>();
    private final List<MetricTemplate> templates = new ArrayList<>();
    private final List<AlertProviderResource> alertProviders = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    /** The first of each canary, template and alert provider, by kind and key, for duplicate messages. */
    private final Map<String, Doc> located = new HashMap<>();

    DocumentLoader(ManifestOptions options, Problems problems) {
        this.options = options;
        this.problems = problems;
    }

    ManifestSet load(String text) {
        List<@Nullable Node> documents = new TreeReader(options, problems).read(text);
        for (int i = 0; i < documents.size(); i++) {
            Node node = documents.get(i);
            if (node instanceof MapNode map) {
                document(new Obj(map, "", new Doc(i + 1, problems, map)));
            } else if (node != null) {
                problems.error(i + 1, "", node.location(), "a document must be a mapping with apiVersion and kind, "
                        + "but this one is " + Node.describe(node));
            }
        }
        if (drafts.isEmpty() && templates.isEmpty() && alertProviders.isEmpty() && problems.errorCount() == 0) {
            throw problems.fatal(null, documents.stream().allMatch(Objects::isNull)
                    ? "the input is empty: expected Canary, MetricTemplate or AlertProvider documents"
                    : "no Flagger documents (Canary, MetricTemplate, AlertProvider) in the input; skipped " + skipped);
        }
        References references = new References(options, templates, alertProviders);
        List<CanaryManifest> canaries = new ArrayList<>();
        for (CanaryDraft draft : drafts) {
            List<MetricTemplate> used = references.templates(draft);
            canaries.add(new CanaryManifest(draft.spec(), draft.providers().withMetricTemplates(used), used,
                    references.alertProviders(draft), draft.doc().number(), List.of()));
        }
        problems.throwIfAny();
        List<ManifestProblem> warnings = problems.warnings();
        for (int i = 0; i < canaries.size() && !warnings.isEmpty(); i++) {
            canaries.set(i, withWarnings(canaries.get(i), drafts.get(i).root(), warnings));
        }
        return new ManifestSet(canaries, templates, alertProviders, warnings, skipped);
    }

    private void document(Obj root) {
        Doc doc = root.doc();
        String apiVersion = root.required("apiVersion");
        String kind = root.required("kind");
        if (apiVersion == null || kind == null) {
            return;
        }
        if ("v1".equals(apiVersion) && "List".equals(kind)) {
            root.check(Fields.LIST);
            List<Obj> items = root.objects("items");
            items.forEach(this::document);
            return;
        }
        if (!apiVersion.startsWith(GROUP + "/")) {
            skipped.add(describe(root, apiVersion, kind));
            return;
        }
        if (!API_VERSION.equals(apiVersion)) {
            doc.error(root.path("apiVersion"), root.keyLocation("apiVersion"), "only " + API_VERSION
                    + " is supported, not " + apiVersion);
            return;
        }
        root.check(Fields.DOCUMENT);
        int errorsBefore = doc.errors();
        boolean added = switch (kind) {
            case "Canary" -> add(new CanaryReader(options).read(root));
            case "MetricTemplate" -> add(ResourceReader.template(root), root, kind);
            case "AlertProvider" -> add(ResourceReader.alertProvider(root), root, kind);
            default -> {
                doc.error(root.path("kind"), root.keyLocation("kind"), "unknown kind '" + kind + "' in " + GROUP
                        + Suggest.hint(kind, KINDS));
                yield false;
            }
        };
        if (!added && doc.errors() == errorsBefore) {
            doc.error(root.path(), root.location(), "this " + kind + " could not be read");
        }
    }

    /** Adds the canary unless it is null or a duplicate; whether it was added. */
    private boolean add(@Nullable CanaryDraft draft) {
        if (draft == null) {
            return false;
        }
        String key = draft.spec().key();
        Doc first = located.putIfAbsent("Canary " + key, draft.doc());
        if (first != null) {
            duplicate(draft.doc(), draft.root(), "Canary", key, first);
            return false;
        }
        return drafts.add(draft);
    }

    private boolean add(@Nullable Object resource, Obj root, String kind) {
        if (resource == null) {
            return false;
        }
        String key = resource instanceof MetricTemplate t ? t.namespace() + "/" + t.name()
                : ((AlertProviderResource) resource).namespace() + "/" + ((AlertProviderResource) resource).name();
        Doc first = located.putIfAbsent(kind + " " + key, root.doc());
        if (first != null) {
            duplicate(root.doc(), root.path(), kind, key, first);
            return false;
        }
        return resource instanceof MetricTemplate t ? templates.add(t)
                : alertProviders.add((AlertProviderResource) resource);
    }

    private static void duplicate(Doc doc, String root, String kind, String key, Doc first) {
        String path = root.isEmpty() ? "metadata.name" : root + ".metadata.name";
        doc.error(path, doc.locate(path), kind + " " + key + " is defined twice (first in document "
                + first.number() + "); names must be unique per namespace");
    }

    private static CanaryManifest withWarnings(CanaryManifest c, String root, List<ManifestProblem> warnings) {
        return new CanaryManifest(c.spec(), c.providers(), c.metricTemplates(), c.alertProviders(), c.document(),
                warnings.stream().filter(w -> w.document() == c.document() && w.path().startsWith(root)).toList());
    }

    private static String describe(Obj root, String apiVersion, String kind) {
        Obj metadata = root.has("metadata") && root.raw("metadata") instanceof MapNode map
                ? new Obj(map, root.path("metadata"), root.doc()) : null;
        Node name = metadata == null ? null : metadata.raw("name");
        Node namespace = metadata == null ? null : metadata.raw("namespace");
        String id = (namespace instanceof Node.ScalarNode ns ? ns.text() + "/" : "")
                + (name instanceof Node.ScalarNode n ? n.text() : "(no name)");
        return "document " + root.doc().number() + (root.path().isEmpty() ? "" : " " + root.path()) + ": "
                + apiVersion + " " + kind + " " + id;
    }
}
