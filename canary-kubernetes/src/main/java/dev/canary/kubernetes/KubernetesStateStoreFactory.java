package dev.canary.kubernetes;

import dev.canary.spi.ProviderConfig;
import dev.canary.spi.StateStore;

/**
 * Creates {@link KubernetesStateStore}s by the name {@code kubernetes}, over the process-wide default fabric8
 * client. Setting: {@code namePrefix} (default {@code canary-state-}).
 */
public final class KubernetesStateStoreFactory implements StateStore.Factory {

    @Override
    public String name() {
        return Names.PROVIDER;
    }

    @Override
    public StateStore create(ProviderConfig config) {
        return new KubernetesStateStore(DefaultClient.shared(),
                config.get("namePrefix", KubernetesStateStore.DEFAULT_NAME_PREFIX));
    }
}
