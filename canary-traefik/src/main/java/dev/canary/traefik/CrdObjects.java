package dev.canary.traefik;

import dev.canary.ProviderException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes one kind of Traefik custom resource without CRD discovery. Writes are optimistic: an
 * update carries the {@code resourceVersion} it read and is recomputed and retried when another writer got
 * there first (409), up to a bound. Other API errors become {@link ProviderException}s naming the object.
 */
final class CrdObjects {
    /** The label put on the objects the router creates. */
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "canary";

    private final KubernetesClient client;
    private final ResourceDefinitionContext context;
    private final String provider;
    private final int maxAttempts;

    CrdObjects(KubernetesClient client, TraefikApiGroup group, String kind, String plural, String provider,
            int maxAttempts) {
        this.client = client;
        this.context = new ResourceDefinitionContext.Builder().withGroup(group.group())
                .withVersion(TraefikApiGroup.VERSION).withKind(kind).withPlural(plural).withNamespaced(true).build();
        this.provider = provider;
        this.maxAttempts = maxAttempts;
    }

    String kind() {
        return context.getKind();
    }

    String apiVersion() {
        return context.getGroup() + "/" + context.getVersion();
    }

    /** The live object, or empty when there is none. */
    Optional<GenericKubernetesResource> get(String namespace, String name) {
        try {
            return Optional.ofNullable(client.genericKubernetesResources(context).inNamespace(namespace)
                    .withName(name).get());
        } catch (KubernetesClientException e) {
            throw failure("read", namespace, name, e);
        }
    }

    /**
     * Reads the object, asks {@code change} what it should be (empty: leave it), and creates or updates it.
     * The read, the change and the write are repeated when the write loses a race.
     */
    void apply(String namespace, String name,
            Function<Optional<GenericKubernetesResource>, Optional<GenericKubernetesResource>> change) {
        @Nullable KubernetesClientException lastConflict = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Optional<GenericKubernetesResource> live = get(namespace, name);
            Optional<GenericKubernetesResource> wanted = change.apply(live);
            if (wanted.isEmpty()) {
                return;
            }
            try {
                write(namespace, live, wanted.get());
                return;
            } catch (KubernetesClientException e) {
                if (!isRace(e, live.isPresent())) {
                    throw failure(live.isPresent() ? "update" : "create", namespace, name, e);
                }
                lastConflict = e;
            }
        }
        throw new ProviderException(provider, "gave up writing " + describe(namespace, name) + " after "
                + maxAttempts + " attempts: another writer kept changing it (409 Conflict)",
                HttpURLConnection.HTTP_CONFLICT, lastConflict);
    }

    private void write(String namespace, Optional<GenericKubernetesResource> live, GenericKubernetesResource wanted) {
        var resources = client.genericKubernetesResources(context).inNamespace(namespace);
        if (live.isEmpty()) {
            wanted.getMetadata().setResourceVersion(null);
            resources.resource(wanted).create();
        } else {
            wanted.getMetadata().setResourceVersion(live.get().getMetadata().getResourceVersion());
            resources.resource(wanted).update();
        }
    }

    /**
     * What to write so that the object has {@code spec}: the live object with its spec replaced (metadata kept),
     * or a new object labelled {@value #MANAGED_BY}; empty when the live spec already is {@code spec}.
     */
    Optional<GenericKubernetesResource> withSpec(Optional<GenericKubernetesResource> live, String namespace,
            String name, Map<String, Object> spec) {
        if (live.isPresent()) {
            if (normalized(live.get().getAdditionalProperties().get("spec")).equals(normalized(spec))) {
                return Optional.empty();
            }
            GenericKubernetesResource updated = live.get();
            updated.setAdditionalProperty("spec", spec);
            return Optional.of(updated);
        }
        GenericKubernetesResource created = new GenericKubernetesResource();
        created.setApiVersion(apiVersion());
        created.setKind(kind());
        created.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(Map.of(MANAGED_BY_LABEL, MANAGED_BY)).build());
        created.setAdditionalProperty("spec", spec);
        return Optional.of(created);
    }

    /** The value as it reads back from JSON, so that 80 and 80L compare equal. */
    private @Nullable Object normalized(@Nullable Object value) {
        KubernetesSerialization json = client.getKubernetesSerialization();
        return json.unmarshal(json.asJson(value), Object.class);
    }

    /** Deletes the object if it exists. */
    void delete(String namespace, String name) {
        try {
            client.genericKubernetesResources(context).inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            throw failure("delete", namespace, name, e);
        }
    }

    /** 409: changed or created concurrently; 404 on update: deleted concurrently. Both are worth a re-read. */
    private static boolean isRace(KubernetesClientException e, boolean updating) {
        return e.getCode() == HttpURLConnection.HTTP_CONFLICT
                || updating && e.getCode() == HttpURLConnection.HTTP_NOT_FOUND;
    }

    /** {@code TraefikService demo/podinfo (traefik.io/v1alpha1)}. */
    String describe(String namespace, String name) {
        return kind() + " " + namespace + "/" + name + " (" + apiVersion() + ")";
    }

    private ProviderException failure(String verb, String namespace, String name, KubernetesClientException e) {
        String verbs = context.getPlural().equals("ingressroutes") ? "get, create, update and delete"
                : "get, create and update";
        String hint = e.getCode() == HttpURLConnection.HTTP_FORBIDDEN
                ? "; grant " + verbs + " on " + context.getPlural() + "." + context.getGroup()
                : "";
        return new ProviderException(provider, "cannot " + verb + " " + describe(namespace, name) + ": "
                + e.getMessage() + hint, e.getCode(), e);
    }
}
