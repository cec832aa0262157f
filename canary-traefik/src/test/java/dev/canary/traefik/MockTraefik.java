package dev.canary.traefik;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import java.util.Optional;

/**
 * The fabric8 mock API server (CRUD mode) as Traefik's CRDs: a client for the router that validates every
 * object it writes against Traefik's schemas, and direct access to the stored objects for assertions.
 */
final class MockTraefik implements AutoCloseable {
    final KubernetesClient client;
    final SchemaCheck schemaCheck = new SchemaCheck();
    final KubernetesClient routerClient;

    MockTraefik(KubernetesMockServer server, KubernetesClient client, Interceptor... more) {
        this.client = client;
        // no retries of 5xx answers, so that an injected server error reaches the router at once
        this.routerClient = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig()
                .withHttpClientBuilderConsumer(h -> {
                    h.addOrReplaceInterceptor("schema-check", schemaCheck);
                    for (int i = 0; i < more.length; i++) {
                        h.addOrReplaceInterceptor("test-" + i, more[i]);
                    }
                }));
    }

    TraefikRouter.Builder router() {
        return TraefikRouter.builder(routerClient);
    }

    static ResourceDefinitionContext context(TraefikApiGroup group, String kind) {
        String plural = kind.equals("TraefikService") ? "traefikservices" : "ingressroutes";
        return new ResourceDefinitionContext.Builder().withGroup(group.group()).withVersion("v1alpha1")
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    Optional<GenericKubernetesResource> get(TraefikApiGroup group, String kind, String namespace, String name) {
        return Optional.ofNullable(client.genericKubernetesResources(context(group, kind)).inNamespace(namespace)
                .withName(name).get());
    }

    GenericKubernetesResource traefikService(String namespace, String name) {
        return get(TraefikApiGroup.TRAEFIK_IO, "TraefikService", namespace, name).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    /** Creates an object given as YAML, as a user would with kubectl. */
    GenericKubernetesResource create(TraefikApiGroup group, String yaml) {
        GenericKubernetesResource resource = client.getKubernetesSerialization()
                .unmarshal(yaml, GenericKubernetesResource.class);
        return client.genericKubernetesResources(context(group, resource.getKind()))
                .inNamespace(resource.getMetadata().getNamespace()).resource(resource).create();
    }

    /** Replaces the spec of a stored object, as another writer would. */
    void replaceSpec(TraefikApiGroup group, String kind, String namespace, String name, Map<String, Object> spec) {
        client.genericKubernetesResources(context(group, kind)).inNamespace(namespace).withName(name)
                .edit(r -> {
                    r.setAdditionalProperty("spec", spec);
                    return r;
                });
    }

    @Override
    public void close() {
        routerClient.close();
    }
}
