package dev.canary.cli;

import dev.canary.kubernetes.KubernetesStateStore;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How the commands on stored runs reach the cluster: the fabric8 configuration, or {@code --server}. */
final class KubeOptions {
    @Option(names = "--server", paramLabel = "URL", description = "The Kubernetes API server; default from "
            + "KUBECONFIG, ~/.kube/config or the in-cluster service account.")
    @Nullable String server;

    @Option(names = "--state-prefix", paramLabel = "PREFIX", description = "The prefix of the state ConfigMaps; "
            + "default ${DEFAULT-VALUE}.")
    String prefix = KubernetesStateStore.DEFAULT_NAME_PREFIX;

    /** A client for the chosen cluster; the caller closes it. */
    KubernetesClient client() {
        Config config = server == null ? new ConfigBuilder().build()
                : new ConfigBuilder(Config.empty()).withMasterUrl(server).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
