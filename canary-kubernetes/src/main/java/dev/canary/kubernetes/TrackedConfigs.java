package dev.canary.kubernetes;

import dev.canary.ProviderException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The ConfigMaps and Secrets a pod template references, read at one moment. An object annotated
 * {@code canary.dev/config-tracking: disabled} is left out: it neither changes the revision nor gets a
 * {@code -primary} copy. A missing optional object counts as absent; a missing required one is an error.
 */
final class TrackedConfigs {
    private final SortedMap<ConfigRef, HasMetadata> present;
    private final Set<ConfigRef> tracked;

    private TrackedConfigs(SortedMap<ConfigRef, HasMetadata> present, Set<ConfigRef> tracked) {
        this.present = present;
        this.tracked = tracked;
    }

    /**
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when a read fails
     * @throws ProviderException when a required object does not exist
     */
    static TrackedConfigs read(KubernetesClient client, String namespace, String owner, PodSpec spec) {
        SortedMap<ConfigRef, HasMetadata> present = new TreeMap<>();
        Set<ConfigRef> tracked = new TreeSet<>();
        PodConfigRefs.find(spec).forEach((ref, optional) -> {
            HasMetadata object = get(client, namespace, ref);
            if (object == null && !optional) {
                throw new ProviderException(Names.PROVIDER, ref + " referenced by the pod template of deployment "
                        + owner + " does not exist in namespace " + namespace
                        + "; create it or mark the reference optional");
            }
            if (object != null && "disabled".equals(annotation(object, Names.CONFIG_TRACKING))) {
                return;
            }
            tracked.add(ref);
            if (object != null) {
                present.put(ref, object);
            }
        });
        return new TrackedConfigs(present, Collections.unmodifiableSet(tracked));
    }

    /** The references the primary points at {@code -primary} copies (absent optional ones included). */
    Set<ConfigRef> tracked() {
        return tracked;
    }

    /** What a revision hashes: the data of every present object, keyed by {@code kind/name}. */
    Map<String, Object> content() {
        Map<String, Object> content = new TreeMap<>();
        present.forEach((ref, object) -> content.put(ref.toString(), object instanceof Secret secret
                ? Map.of("type", String.valueOf(secret.getType()), "data", orEmpty(secret.getData()))
                : Map.of("data", orEmpty(((ConfigMap) object).getData()),
                        "binaryData", orEmpty(((ConfigMap) object).getBinaryData()))));
        return content;
    }

    /** Creates or refreshes the {@code -primary} copy of every present object. */
    void copyToPrimaries(KubernetesClient client, String namespace, int attempts) {
        for (HasMetadata object : present.values()) {
            String name = Names.primary(object.getMetadata().getName());
            if (object instanceof Secret secret) {
                KubeCalls.retryOnConflict("copy secret " + object.getMetadata().getName() + " to " + name, attempts,
                        () -> copySecret(client, namespace, name, secret));
            } else {
                KubeCalls.retryOnConflict("copy configmap " + object.getMetadata().getName() + " to " + name,
                        attempts, () -> copyConfigMap(client, namespace, name, (ConfigMap) object));
            }
        }
    }

    private static ConfigMap copyConfigMap(KubernetesClient client, String namespace, String name, ConfigMap source) {
        ConfigMap current = client.configMaps().inNamespace(namespace).withName(name).get();
        if (current == null) {
            return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Names.MANAGED).endMetadata()
                    .withData(source.getData()).withBinaryData(source.getBinaryData()).build()).create();
        }
        if (orEmpty(current.getData()).equals(orEmpty(source.getData()))
                && orEmpty(current.getBinaryData()).equals(orEmpty(source.getBinaryData()))) {
            return current;
        }
        current.setData(source.getData());
        current.setBinaryData(source.getBinaryData());
        return client.configMaps().inNamespace(namespace).resource(current).update();
    }

    private static Secret copySecret(KubernetesClient client, String namespace, String name, Secret source) {
        Secret current = client.secrets().inNamespace(namespace).withName(name).get();
        if (current == null) {
            return client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Names.MANAGED).endMetadata()
                    .withType(source.getType()).withData(source.getData()).build()).create();
        }
        if (orEmpty(current.getData()).equals(orEmpty(source.getData()))) {
            return current;
        }
        current.setData(source.getData());
        return client.secrets().inNamespace(namespace).resource(current).update();
    }

    private static @Nullable HasMetadata get(KubernetesClient client, String namespace, ConfigRef ref) {
        return ref.kind() == ConfigRef.Kind.SECRET
                ? client.secrets().inNamespace(namespace).withName(ref.name()).get()
                : client.configMaps().inNamespace(namespace).withName(ref.name()).get();
    }

    private static @Nullable String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations != null ? annotations.get(key) : null;
    }

    private static Map<String, String> orEmpty(@Nullable Map<String, String> map) {
        return map != null ? map : Map.of();
    }
}
