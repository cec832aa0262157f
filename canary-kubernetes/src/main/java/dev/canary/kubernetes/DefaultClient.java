package dev.canary.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The client of providers created by the factories: one per process, configured the fabric8 way (in-cluster
 * service account, {@code KUBECONFIG}, {@code ~/.kube/config}, system properties), created on first use and
 * never closed. Embedders who want their own client pass it to a builder instead.
 */
final class DefaultClient {

    private DefaultClient() {
    }

    static KubernetesClient shared() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        static final KubernetesClient CLIENT = new KubernetesClientBuilder().build();
    }
}
