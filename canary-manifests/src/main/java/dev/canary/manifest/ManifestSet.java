package dev.canary.manifest;

import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import java.util.List;
import java.util.Optional;

/**
 * Everything read from one input: the canaries, metric templates and alert providers in document order,
 * the warnings, and the documents of other kinds that were skipped (such as a Traefik {@code IngressRoute}).
 * Immutable and thread-safe.
 *
 * @param canaries        the Canary documents
 * @param metricTemplates the MetricTemplate documents
 * @param alertProviders  the AlertProvider documents
 * @param warnings        every warning of the load (also logged at WARN)
 * @param skipped         one line per document of another API group, such as
 *                        {@code document 1: traefik.io/v1alpha1 IngressRoute test/podinfo}
 */
public record ManifestSet(List<CanaryManifest> canaries, List<MetricTemplate> metricTemplates,
        List<AlertProviderResource> alertProviders, List<ManifestProblem> warnings, List<String> skipped) {
    public ManifestSet {
        canaries = List.copyOf(canaries);
        metricTemplates = List.copyOf(metricTemplates);
        alertProviders = List.copyOf(alertProviders);
        warnings = List.copyOf(warnings);
        skipped = List.copyOf(skipped);
    }

    /** The canary named {@code name}; when several namespaces have one, the first. */
    public Optional<CanaryManifest> canary(String name) {
        return canaries.stream().filter(c -> c.spec().name().equals(name)).findFirst();
    }

    public Optional<CanaryManifest> canary(String namespace, String name) {
        return canaries.stream().filter(c -> c.spec().name().equals(name) && c.spec().namespace().equals(namespace))
                .findFirst();
    }

    /**
     * The only canary of the input.
     *
     * @throws ManifestException when the input has no canary or several
     */
    public CanaryManifest onlyCanary() {
        if (canaries.size() != 1) {
            throw new ManifestException("manifest", List.of(new ManifestProblem(0, "", 0, 0, "expected exactly one "
                    + "Canary but found " + canaries.size() + (canaries.isEmpty() ? ""
                    : ": " + canaries.stream().map(c -> c.spec().key()).toList() + "; use canary(name)"))));
        }
        return canaries.get(0);
    }

    /** The metric template {@code ref} names; a ref without namespace matches {@code default}. */
    public Optional<MetricTemplate> metricTemplate(ObjectRef ref) {
        String namespace = ref.namespace() == null ? "default" : ref.namespace();
        return metricTemplates.stream().filter(t -> t.name().equals(ref.name()) && t.namespace().equals(namespace))
                .findFirst();
    }

    /** The alert provider {@code ref} names; a ref without namespace matches {@code default}. */
    public Optional<AlertProviderResource> alertProvider(ObjectRef ref) {
        String namespace = ref.namespace() == null ? "default" : ref.namespace();
        return alertProviders.stream().filter(a -> a.name().equals(ref.name()) && a.namespace().equals(namespace))
                .findFirst();
    }
}
