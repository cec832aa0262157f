package dev.canary.traefik;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP interceptor for the router's client that validates every TraefikService and IngressRoute the router
 * sends (create and update bodies) against Traefik's CRD schemas, and remembers what it saw.
 */
final class SchemaCheck implements Interceptor {
    private final List<String> checked = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        String path = request.uri().getPath();
        boolean write = request.method().equals("POST") || request.method().equals("PUT");
        if (write && (path.contains("/traefikservices") || path.contains("/ingressroutes"))) {
            String body = request.bodyString();
            checked.add(body);
            problems.addAll(CrdSchemas.problems(body));
        }
    }

    /** The bodies validated so far. */
    List<String> checked() {
        return List.copyOf(checked);
    }

    /** Schema violations found so far. */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
