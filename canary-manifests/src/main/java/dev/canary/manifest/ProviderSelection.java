package dev.canary.manifest;

import dev.canary.spec.MetricTemplate;
import dev.canary.spec.TemplateSettings;
import dev.canary.spi.ProviderConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The providers a Canary manifest asks for, as names and settings for {@code CanaryRun.builder()}; the
 * provider modules are not needed to load a manifest.
 *
 * <p>Immutable and thread-safe.
 *
 * @param router  from {@code spec.provider} ({@code traefik}, {@code kubernetes}, ...); null when the manifest
 *                names none, so the builder picks the router on the class path
 * @param metrics {@code prometheus}, with {@code address} from {@code spec.metricsServer} when set and the
 *                templates the checks refer to as {@link TemplateSettings}; null when the canary has no metric
 *                checks and names no metrics server
 * @param target  {@code kubernetes}, with the {@code targetRef.*} and {@code autoscalerRef.*} fields as settings
 */
public record ProviderSelection(@Nullable Choice router, @Nullable Choice metrics, Choice target) {
    /** Name of the metrics provider factory Flagger's builtin checks and queries map to. */
    public static final String PROMETHEUS = "prometheus";
    /** Name of the deployment target factory for Kubernetes workloads. */
    public static final String KUBERNETES = "kubernetes";

    public ProviderSelection {
        Objects.requireNonNull(target, "target == null");
    }

    /** A copy whose metrics provider (prometheus when none was chosen) also gets {@code templates}. */
    ProviderSelection withMetricTemplates(List<MetricTemplate> templates) {
        if (templates.isEmpty()) {
            return this;
        }
        Map<String, String> settings = TemplateSettings.of(templates);
        if (metrics != null) {
            // the templates' settings win, as if they had been put over the provider's
            metrics.settings().forEach(settings::putIfAbsent);
        }
        return new ProviderSelection(router, new Choice(metrics == null ? PROMETHEUS : metrics.name(), settings),
                target);
    }

    /**
     * One provider: the factory name and its settings.
     *
     * @param name     the factory's {@code name()}
     * @param settings string settings, as {@link ProviderConfig} takes them
     */
    public record Choice(String name, Map<String, String> settings) {
        public Choice {
            Objects.requireNonNull(name, "name == null");
            settings = Map.copyOf(settings);
        }

        public ProviderConfig config() {
            return ProviderConfig.of(settings);
        }

        /** The name and settings; values of secret-looking keys and of headers are shown as {@code ***}. */
        @Override
        public String toString() {
            Map<String, String> shown = new TreeMap<>();
            settings.forEach((k, v) -> shown.put(k, ProviderConfig.isHidden(k) || k.contains(".header.")
                    ? dev.canary.spec.Redaction.MASK : v));
            return name + shown;
        }
    }
}
