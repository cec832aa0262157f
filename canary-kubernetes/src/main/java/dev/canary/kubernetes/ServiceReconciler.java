package dev.canary.kubernetes;

import dev.canary.spec.ServiceSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The apex, primary and canary services. Missing ones are created as ClusterIP services; existing ones get
 * the selector and the port of the spec, keeping their other ports. A pre-existing apex service not created
 * here remembers its original selector in an annotation, which {@link #revertApex} restores.
 */
final class ServiceReconciler {
    private final KubernetesClient client;
    private final int attempts;

    ServiceReconciler(KubernetesClient client, int attempts) {
        this.client = client;
        this.attempts = attempts;
    }

    /** Apex and {@code -primary} select the primary pods, {@code -canary} the target's. */
    void ensure(String namespace, ServiceSpec service, SelectorLabel label) {
        upsert(namespace, service.name(), service, label.key(), label.primarySelector());
        upsert(namespace, service.primaryName(), service, label.key(), label.primarySelector());
        upsert(namespace, service.canaryName(), service, label.key(), label.canarySelector());
    }

    /** Points the apex service back at its original selector, or at the target's pods when it had none. */
    void revertApex(String namespace, ServiceSpec service, SelectorLabel label) {
        KubeCalls.retryOnConflict("restore the selector of service " + service.name(), attempts, () -> {
            Service apex = client.services().inNamespace(namespace).withName(service.name()).get();
            if (apex == null) {
                return null;
            }
            Map<String, String> annotations = new LinkedHashMap<>(orEmpty(apex.getMetadata().getAnnotations()));
            String original = annotations.remove(Names.ORIGINAL_SELECTOR);
            Map<String, String> selector = original != null ? parseSelector(original) : label.canarySelector();
            if (selector.equals(apex.getSpec().getSelector()) && original == null) {
                return apex;
            }
            apex.getSpec().setSelector(selector);
            apex.getMetadata().setAnnotations(annotations);
            return client.services().inNamespace(namespace).resource(apex).update();
        });
    }

    private void upsert(String namespace, String name, ServiceSpec spec, String labelKey,
            Map<String, String> selector) {
        KubeCalls.retryOnConflict("reconcile service " + name, attempts, () -> {
            Service current = client.services().inNamespace(namespace).withName(name).get();
            if (current == null) {
                Map<String, String> labels = new HashMap<>(Names.MANAGED);
                labels.put(labelKey, name);
                return client.services().inNamespace(namespace).resource(new ServiceBuilder()
                        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                        .withNewSpec().withType("ClusterIP").withSelector(selector).withPorts(port(spec, null))
                        .endSpec().build()).create();
            }
            boolean changed = rememberSelector(current);
            List<ServicePort> ports = mergePorts(current.getSpec().getPorts(), spec);
            if (!ports.equals(current.getSpec().getPorts()) || !selector.equals(current.getSpec().getSelector())) {
                current.getSpec().setPorts(ports);
                current.getSpec().setSelector(selector);
                changed = true;
            }
            return changed ? client.services().inNamespace(namespace).resource(current).update() : current;
        });
    }

    private static boolean rememberSelector(Service service) {
        Map<String, String> labels = orEmpty(service.getMetadata().getLabels());
        Map<String, String> annotations = new LinkedHashMap<>(orEmpty(service.getMetadata().getAnnotations()));
        if (Names.MANAGER.equals(labels.get(Names.MANAGED_BY)) || annotations.containsKey(Names.ORIGINAL_SELECTOR)) {
            return false;
        }
        annotations.put(Names.ORIGINAL_SELECTOR, formatSelector(orEmpty(service.getSpec().getSelector())));
        service.getMetadata().setAnnotations(annotations);
        return true;
    }

    private static List<ServicePort> mergePorts(@Nullable List<ServicePort> existing, ServiceSpec spec) {
        List<ServicePort> ports = new ArrayList<>();
        boolean merged = false;
        for (ServicePort port : existing != null ? existing : List.<ServicePort>of()) {
            boolean same = spec.portName().equals(port.getName())
                    || Integer.valueOf(spec.port()).equals(port.getPort());
            if (same && !merged) {
                ports.add(port(spec, port));
                merged = true;
            } else if (!same) {
                ports.add(port);
            }
        }
        if (!merged) {
            ports.add(0, port(spec, null));
        }
        return ports;
    }

    /** The spec's port, keeping what Kubernetes assigned to {@code existing} (node port, app protocol). */
    private static ServicePort port(ServiceSpec spec, @Nullable ServicePort existing) {
        String target = spec.effectiveTargetPort();
        IntOrString targetPort = target.chars().allMatch(Character::isDigit)
                ? new IntOrString(Integer.parseInt(target)) : new IntOrString(target);
        ServicePortBuilder port = existing != null ? new ServicePortBuilder(existing) : new ServicePortBuilder();
        return port.withName(spec.portName()).withPort(spec.port()).withTargetPort(targetPort)
                .withProtocol(existing != null && existing.getProtocol() != null ? existing.getProtocol() : "TCP")
                .build();
    }

    /** {@code key=value,key=value}, sorted: label keys and values contain neither comma nor equals sign. */
    static String formatSelector(Map<String, String> selector) {
        return new TreeMap<>(selector).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    static Map<String, String> parseSelector(String text) {
        Map<String, String> selector = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                selector.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return selector;
    }

    private static Map<String, String> orEmpty(@Nullable Map<String, String> map) {
        return map != null ? map : Map.of();
    }
}
