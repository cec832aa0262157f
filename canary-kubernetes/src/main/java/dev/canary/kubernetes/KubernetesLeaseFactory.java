package dev.canary.kubernetes;

import dev.canary.spi.ProviderConfig;
import dev.canary.spi.RunLease;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Creates {@link KubernetesLease}s by the name {@code kubernetes}, over the process-wide default fabric8 client.
 * Settings: {@code identity} (default {@code $HOSTNAME-<random>}), {@code leaseDuration} (default 15s),
 * {@code safetyMargin} (default 5s), {@code namePrefix} (default {@code canary-lease-}).
 */
public final class KubernetesLeaseFactory implements RunLease.Factory {

    @Override
    public String name() {
        return Names.PROVIDER;
    }

    @Override
    public RunLease create(ProviderConfig config) {
        return builder(config, DefaultClient.shared()).build();
    }

    /** The builder {@link #create} uses, over {@code client}. */
    static KubernetesLease.Builder builder(ProviderConfig config, KubernetesClient client) {
        KubernetesLease.Builder builder = KubernetesLease.builder(client)
                .leaseDuration(config.duration("leaseDuration", KubernetesLease.DEFAULT_LEASE_DURATION))
                .safetyMargin(config.duration("safetyMargin", KubernetesLease.DEFAULT_SAFETY_MARGIN))
                .namePrefix(config.get("namePrefix", KubernetesLease.DEFAULT_NAME_PREFIX));
        config.get("identity").filter(s -> !s.isBlank()).ifPresent(builder::identity);
        return builder;
    }
}
