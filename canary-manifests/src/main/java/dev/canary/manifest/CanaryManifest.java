package dev.canary.manifest;

import dev.canary.AlertProvider;
import dev.canary.CanaryRun;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.TemplateSettings;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One Canary from a manifest: the spec, the providers it asks for, the objects it refers to, and what was
 * noticed while reading it.
 *
 * <pre>{@code
 * CanaryManifest canary = CanaryManifests.load(Path.of("canary.yaml")).onlyCanary();
 * CanaryResult result = canary.applyTo(CanaryRun.builder()).build().run();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param spec            the spec, with {@code provider} and {@code metricsServer} from the manifest
 * @param providers       the providers, as names and settings
 * @param metricTemplates the templates its metric checks refer to, resolved
 * @param alertProviders  the alert providers its alerts refer to, resolved
 * @param document        the document it was read from, 1-based
 * @param warnings        fields accepted but not applied, deprecated forms, and Flagger rules applied
 */
public record CanaryManifest(CanarySpec spec, ProviderSelection providers, List<MetricTemplate> metricTemplates,
        List<AlertProviderResource> alertProviders, int document, List<ManifestProblem> warnings) {
    public CanaryManifest {
        Objects.requireNonNull(spec, "spec == null");
        Objects.requireNonNull(providers, "providers == null");
        metricTemplates = List.copyOf(metricTemplates);
        alertProviders = List.copyOf(alertProviders);
        warnings = List.copyOf(warnings);
    }

    /**
     * Sets the spec and names the providers on {@code builder}: the router (when the manifest names one), the
     * metrics provider (when there are checks or a metrics server; its settings carry the metric templates the
     * checks refer to, see {@link TemplateSettings}) and the deployment target, each with the settings of
     * {@link #providers()}. Providers set on the builder afterwards (instances or other names) replace these.
     * Alert providers with an {@code address} are registered under their names; one whose address lives only in a
     * Kubernetes Secret ({@code secretRef}) must be registered on the builder by hand, and the build says so.
     *
     * @return {@code builder}, for chaining
     */
    public CanaryRun.Builder applyTo(CanaryRun.Builder builder) {
        builder.spec(spec);
        if (providers.router() != null) {
            builder.router(providers.router().name(), providers.router().config());
        }
        if (providers.metrics() != null) {
            builder.metrics(providers.metrics().name(), providers.metrics().config());
        }
        builder.target(providers.target().name(), providers.target().config());
        for (AlertProviderResource alerts : alertProviders) {
            if (alerts.address() != null) {
                builder.alertProvider(alerts.name(), sender(alerts, URI.create(alerts.address())));
            }
        }
        return builder;
    }

    /** The alert sender for a Flagger {@code AlertProvider} type (the loader accepts only these four). */
    private static AlertProvider sender(AlertProviderResource alerts, URI address) {
        return switch (alerts.type()) {
            case "slack" -> AlertProvider.slack(address, alerts.channel(), alerts.username());
            case "msteams" -> AlertProvider.teams(address);
            case "discord" -> AlertProvider.discord(address, alerts.username());
            case "gchat" -> AlertProvider.googleChat(address);
            default -> throw new IllegalStateException("alert provider type '" + alerts.type() + "' is not shipped");
        };
    }
}
