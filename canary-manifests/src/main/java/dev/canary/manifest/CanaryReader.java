package dev.canary.manifest;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.InvalidSpecException;
import dev.canary.spec.MetricCheck;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads a {@code Canary} document into a {@link CanaryDraft}. */
final class CanaryReader {
    /** {@code spec.provider} values Flagger's CRD accepts. */
    static final List<String> PROVIDERS = List.of("apisix", "appmesh", "appmesh:v1beta2", "contour", "gatewayapi:v1",
            "gatewayapi:v1beta1", "gloo", "istio", "knative", "kubernetes", "kuma", "linkerd", "nginx", "osm",
            "skipper", "smi:v1alpha1", "smi:v1alpha2", "smi:v1alpha3", "traefik");

    private final ManifestOptions options;

    CanaryReader(ManifestOptions options) {
        this.options = options;
    }

    @Nullable CanaryDraft read(Obj root) {
        Doc doc = root.doc();
        int errorsBefore = doc.errors();
        Meta meta = Meta.read(root);
        Obj spec = root.object("spec");
        if (spec == null) {
            if (!root.has("spec")) {
                doc.error(root.path("spec"), root.location(), "is required");
            }
            return null;
        }
        String router = router(spec);
        doc.router(router);
        spec.check(Fields.CANARY);
        Workload workload = Workload.read(spec);
        String analysisKey = analysisKey(spec);
        Obj analysisObj = spec.object(analysisKey);
        AnalysisReader analysisReader = new AnalysisReader(options, router);
        AnalysisSpec analysis = analysisObj == null ? null : analysisReader.read(analysisObj);
        if (analysis != null) {
            analysis = SequentialAnnotations.apply(root, analysis);
        }
        Integer deadline = spec.integer("progressDeadlineSeconds");
        if (deadline != null && deadline < 1) {
            doc.error(spec.path("progressDeadlineSeconds"), spec.keyLocation("progressDeadlineSeconds"),
                    "must be at least 1 but was " + deadline);
        }
        Duration progressDeadline = deadline == null ? CanarySpec.DEFAULT_PROGRESS_DEADLINE
                : Duration.ofSeconds(deadline);
        CanarySpec.Builder builder = CanarySpec.builder(meta == null ? "" : meta.name())
                .progressDeadline(progressDeadline)
                .skipAnalysis(spec.bool("skipAnalysis")).suspend(spec.bool("suspend"))
                .revertOnDeletion(spec.bool("revertOnDeletion")).provider(router).metricsServer(metricsServer(spec));
        if (meta == null || analysis == null || workload == null || doc.errors() > errorsBefore) {
            return null;
        }
        CanarySpec canary = build(builder.namespace(meta.namespace()).targetRef(workload.target())
                .service(workload.service()).analysis(analysis), root, analysisKey);
        if (canary == null) {
            return null;
        }
        return new CanaryDraft(canary, selection(canary, workload), doc, root.path(),
                analysisReader.templateRefs(meta.namespace()), analysisReader.alertRefs(meta.namespace()));
    }

    private @Nullable String router(Obj spec) {
        String provider = spec.string("provider");
        Doc doc = spec.doc();
        if (provider != null && !PROVIDERS.contains(provider)) {
            doc.error(spec.path("provider"), spec.keyLocation("provider"), "unknown provider '" + provider + "'"
                    + Suggest.hint(provider, PROVIDERS));
            provider = null;
        }
        String router = options.router().orElse(provider);
        if (provider != null && !provider.equals(router)) {
            doc.warn(spec.path("provider"), spec.keyLocation("provider"), "provider '" + provider + "' replaced by '"
                    + router + "' (ManifestOptions.router)");
        }
        if (router != null && !Doc.SHIPPED_ROUTERS.contains(router)) {
            doc.warn(spec.path("provider"), spec.keyLocation("provider"), "provider '" + router + "' is not shipped "
                    + "with this library (shipped: kubernetes, traefik): give CanaryRun.builder() a TrafficRouter for "
                    + "it, or load the manifest for a shipped router with ManifestOptions.router(\"traefik\")");
        }
        return router;
    }

    private static String analysisKey(Obj spec) {
        Doc doc = spec.doc();
        if (spec.has("analysis")) {
            if (spec.has("canaryAnalysis")) {
                doc.warn(spec.path("canaryAnalysis"), spec.keyLocation("canaryAnalysis"), "ignored: analysis is "
                        + "set, and Flagger prefers it over the deprecated canaryAnalysis");
            }
            return "analysis";
        }
        if (spec.has("canaryAnalysis")) {
            doc.warn(spec.path("canaryAnalysis"), spec.keyLocation("canaryAnalysis"), "deprecated: rename it to "
                    + "analysis (read the same way)");
            return "canaryAnalysis";
        }
        doc.error(spec.path("analysis"), spec.location(), "is required (Flagger's CRD requires it)");
        return "analysis";
    }

    private static @Nullable String metricsServer(Obj spec) {
        String address = spec.string("metricsServer");
        String problem = address == null ? null : urlProblem(address);
        if (problem != null) {
            spec.doc().error(spec.path("metricsServer"), spec.keyLocation("metricsServer"), problem);
        }
        return address;
    }

    /**
     * What is wrong with an http(s) URL of a manifest, with the URL shown masked (user info and query hidden);
     * {@code null} when it is fine.
     */
    static @Nullable String urlProblem(String text) {
        return urlProblem(text, false);
    }

    /** As {@link #urlProblem(String)}; {@code secretPath}: the path is a secret too (chat webhooks). */
    static @Nullable String urlProblem(String text, boolean secretPath) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            return "is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")";
        }
        String problem = dev.canary.spec.HttpUrls.problem(uri);
        if (problem == null || uri.getHost() == null) {
            return problem;
        }
        return problem + " but was '" + (secretPath ? dev.canary.spec.Redaction.secretUrl(uri)
                : dev.canary.spec.Redaction.url(uri)) + "'";
    }

    private static @Nullable CanarySpec build(CanarySpec.Builder builder, Obj root, String analysisKey) {
        try {
            return builder.build();
        } catch (InvalidSpecException e) {
            SpecProblems.report(e, root, analysisKey);
            return null;
        }
    }

    private static ProviderSelection selection(CanarySpec spec, Workload workload) {
        ProviderSelection.Choice router = spec.provider() == null ? null
                : new ProviderSelection.Choice(spec.provider(), Map.of());
        List<MetricCheck> checks = spec.analysis().metrics();
        ProviderSelection.Choice metrics = null;
        if (spec.metricsServer() != null) {
            metrics = new ProviderSelection.Choice(ProviderSelection.PROMETHEUS,
                    Map.of("address", spec.metricsServer()));
        } else if (!checks.isEmpty()) {
            metrics = new ProviderSelection.Choice(ProviderSelection.PROMETHEUS, Map.of());
        }
        Map<String, String> target = new LinkedHashMap<>();
        target.put("targetRef.apiVersion", spec.targetRef().apiVersion());
        target.put("targetRef.kind", spec.targetRef().kind());
        target.put("targetRef.name", spec.targetRef().name());
        target.putAll(workload.autoscaler());
        return new ProviderSelection(router, metrics, new ProviderSelection.Choice(ProviderSelection.KUBERNETES,
                target));
    }
}
