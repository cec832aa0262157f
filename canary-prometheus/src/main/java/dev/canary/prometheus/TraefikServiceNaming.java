package dev.canary.prometheus;

import dev.canary.spec.CanarySpec;
import dev.canary.spi.MetricQuery;
import java.util.Locale;

/**
 * How Traefik names the canary and primary backends in the {@code service} label of its metrics, which the
 * builtin checks select on. The name is derived from the spec's <em>service</em> name and port (not the target
 * name, which Flagger uses: fluxcd/flagger#1767).
 */
public enum TraefikServiceNaming {
    /**
     * Kubernetes CRD provider, a Kubernetes Service under a TraefikService:
     * {@code <namespace>-<service>-canary-<port>@kubernetescrd} (and {@code -primary-} for the primary).
     */
    KUBERNETES_CRD("kubernetescrd"),
    /** File provider: {@code <service>-canary@file} (and {@code <service>-primary@file}). */
    FILE("file");

    private final String setting;

    TraefikServiceNaming(String setting) {
        this.setting = setting;
    }

    /** The value of the {@code traefikNaming} setting that selects this naming. */
    public String setting() {
        return setting;
    }

    /** The Traefik service name of the subject's backend, such as {@code demo-podinfo-canary-80@kubernetescrd}. */
    public String serviceName(CanarySpec spec, MetricQuery.Subject subject) {
        String service = PromQl.kubernetesName("service.name", spec.service().name());
        String backend = subject == MetricQuery.Subject.PRIMARY ? service + "-primary" : service + "-canary";
        return switch (this) {
            case KUBERNETES_CRD -> PromQl.kubernetesName("namespace", spec.namespace()) + "-" + backend + "-"
                    + spec.service().port() + "@kubernetescrd";
            case FILE -> backend + "@file";
        };
    }

    /**
     * The naming for a setting value ({@code kubernetescrd} or {@code file}, case-insensitive).
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static TraefikServiceNaming fromSetting(String value) {
        for (TraefikServiceNaming naming : values()) {
            if (naming.setting.equals(value.toLowerCase(Locale.ROOT))) {
                return naming;
            }
        }
        throw new IllegalArgumentException("traefikNaming must be 'kubernetescrd' or 'file' but was '" + value + "'");
    }
}
