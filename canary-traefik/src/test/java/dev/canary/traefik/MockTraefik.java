package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fabric8 mock API server (CRUD mode, plain HTTP) as Traefik's CRDs, one per test: a JUnit 5 extension to
 * register as an instance field ({@code @RegisterExtension final MockTraefik mock = new MockTraefik();}). It gives
 * a client for the router that validates every object it writes against Traefik's schemas, and direct access to
 * the stored objects for assertions; after each test it stops the server and fails the test when any object the
 * router wrote broke a schema.
 */
final class MockTraefik implements BeforeEachCallback, AfterEachCallback {
    final SchemaCheck schemaCheck = new SchemaCheck();
    private @Nullable KubernetesMockServer server;
    /** The client of the test itself: no schema check, the default retries. */
    private @Nullable KubernetesClient client;
    private @Nullable KubernetesClient routerClient;

    @Override
    public void beforeEach(ExtensionContext context) {
        // as @EnableKubernetesMockClient(crud = true, https = false): expectations first, then the CRUD store
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        client = server.createClient();
        intercept();
    }

    /**
     * Gives the router a new client that also runs {@code more} (after the schema check) on each of its requests.
     */
    void intercept(Interceptor... more) {
        if (routerClient != null) {
            routerClient.close();
        }
        // no retries of 5xx answers, so that an injected server error reaches the router at once
        routerClient = Objects.requireNonNull(server).createClient(b -> b.editOrNewConfig()
                .withRequestRetryBackoffLimit(0).endConfig().withHttpClientBuilderConsumer(h -> {
                    h.addOrReplaceInterceptor("schema-check", schemaCheck);
                    for (int i = 0; i < more.length; i++) {
                        h.addOrReplaceInterceptor("test-" + i, more[i]);
                    }
                }));
    }

    /** The router's client (schema check, no retries). */
    KubernetesClient routerClient() {
        return Objects.requireNonNull(routerClient, "the mock server is started before each test");
    }

    /** The mock API server, for expectations that answer before its CRUD store (injected errors). */
    KubernetesMockServer server() {
        return Objects.requireNonNull(server, "the mock server is started before each test");
    }

    /** The port the mock API server listens on (plain HTTP). */
    int port() {
        return server().getPort();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            Objects.requireNonNull(routerClient).close();
            Objects.requireNonNull(client).close();
        } finally {
            Objects.requireNonNull(server).destroy();
        }
        assertThat(schemaCheck.problems()).as("objects written against Traefik's schemas").isEmpty();
    }

    TraefikRouter.Builder router() {
        return TraefikRouter.builder(routerClient());
    }

    /** The client of the test itself (no schema check). */
    KubernetesClient client() {
        return Objects.requireNonNull(client, "the mock server is started before each test");
    }

    static ResourceDefinitionContext context(TraefikApiGroup group, String kind) {
        String plural = kind.equals("TraefikService") ? "traefikservices" : "ingressroutes";
        return new ResourceDefinitionContext.Builder().withGroup(group.group()).withVersion("v1alpha1")
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    Optional<GenericKubernetesResource> get(TraefikApiGroup group, String kind, String namespace, String name) {
        return Optional.ofNullable(client().genericKubernetesResources(context(group, kind)).inNamespace(namespace)
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
        GenericKubernetesResource resource = client().getKubernetesSerialization()
                .unmarshal(yaml, GenericKubernetesResource.class);
        return client().genericKubernetesResources(context(group, resource.getKind()))
                .inNamespace(resource.getMetadata().getNamespace()).resource(resource).create();
    }

    /** Replaces the spec of a stored object, as another writer would. */
    void replaceSpec(TraefikApiGroup group, String kind, String namespace, String name, Map<String, Object> spec) {
        client().genericKubernetesResources(context(group, kind)).inNamespace(namespace).withName(name)
                .edit(r -> {
                    r.setAdditionalProperty("spec", spec);
                    return r;
                });
    }

}
