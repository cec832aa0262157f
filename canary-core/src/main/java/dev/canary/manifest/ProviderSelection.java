package dev.canary.manifest;

import dev.canary.spi.ProviderConfig;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The providers a Canary manifest asks for, as names and settings for {@code CanaryRun.builder()}; the
 * provider modules are not needed to load a manifest.
 *
 * <p>Immutable and thread-safe.
 *
 * @param router  from {@code spec.provider} ({@code traefik}, {@code kubernetes}, ...); null when the manifest
 *                names none, so the builder picks the router on the class path
 * @param metrics {@code prometheus}, with {@code address} from {@code spec.metricsServer} when set; null when
 *                the canary has no metric checks and names no metrics server
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

        @Override
        public String toString() {
            return name + config().toString().substring("ProviderConfig".length());
        }
    }
}
