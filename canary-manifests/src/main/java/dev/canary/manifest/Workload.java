package dev.canary.manifest;

import dev.canary.manifest.Node.ScalarNode;
import dev.canary.spec.ServiceSpec;
import dev.canary.spec.TargetRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec.targetRef}, {@code spec.autoscalerRef} and {@code spec.service} of a Canary.
 *
 * @param autoscaler the autoscaler fields as deployment target settings ({@code autoscalerRef.name}, ...)
 */
record Workload(TargetRef target, ServiceSpec service, Map<String, String> autoscaler) {
    private static final List<String> TARGET_KINDS = List.of("Deployment", "DaemonSet", "Service");
    private static final List<String> SCALER_KINDS = List.of("HorizontalPodAutoscaler", "ScaledObject");

    /** Null (with problems recorded) when the target or the service is unusable. */
    static @Nullable Workload read(Obj spec) {
        TargetRef target = target(spec);
        Map<String, String> autoscaler = autoscaler(spec);
        ServiceSpec service = target == null ? null : service(spec, target);
        return target == null || service == null ? null : new Workload(target, service, autoscaler);
    }

    private static @Nullable TargetRef target(Obj spec) {
        Obj ref = spec.object("targetRef");
        if (ref == null) {
            if (!spec.has("targetRef")) {
                spec.doc().error(spec.path("targetRef"), spec.location(), "is required: the Deployment to release "
                        + "(apiVersion, kind, name)");
            }
            return null;
        }
        ref.check(Fields.TARGET_REF);
        String apiVersion = ref.required("apiVersion");
        String kind = ref.required("kind");
        String name = ref.required("name");
        if (kind != null && !TargetRef.DEFAULT_KIND.equals(kind)) {
            String why = TARGET_KINDS.contains(kind) ? "not supported: the kubernetes target releases Deployments "
                    + "only, not " + kind : "unknown kind '" + kind + "'" + Suggest.hint(kind, TARGET_KINDS);
            ref.doc().error(ref.path("kind"), ref.keyLocation("kind"), why);
            return null;
        }
        return apiVersion == null || kind == null || name == null ? null : new TargetRef(apiVersion, kind, name);
    }

    private static Map<String, String> autoscaler(Obj spec) {
        Map<String, String> settings = new LinkedHashMap<>();
        Obj ref = spec.object("autoscalerRef");
        if (ref == null) {
            return settings;
        }
        ref.check(Fields.AUTOSCALER_REF);
        String apiVersion = ref.required("apiVersion");
        String kind = ref.required("kind");
        String name = ref.required("name");
        if (kind != null && !SCALER_KINDS.get(0).equals(kind)) {
            String why = SCALER_KINDS.contains(kind) ? "not supported: the kubernetes target clones "
                    + "HorizontalPodAutoscalers only, not KEDA ScaledObjects" : "unknown kind '" + kind + "'"
                    + Suggest.hint(kind, SCALER_KINDS);
            ref.doc().error(ref.path("kind"), ref.keyLocation("kind"), why);
        }
        put(settings, "autoscalerRef.apiVersion", apiVersion);
        put(settings, "autoscalerRef.kind", kind);
        put(settings, "autoscalerRef.name", name);
        Obj replicas = ref.object("primaryScalerReplicas");
        if (replicas != null) {
            replicas.check(Fields.SCALER_REPLICAS);
            for (String key : List.of("minReplicas", "maxReplicas")) {
                Integer value = replicas.integer(key);
                if (value != null && value < 1) {
                    replicas.doc().error(replicas.path(key), replicas.keyLocation(key), "must be at least 1 but was "
                            + value);
                }
                put(settings, "autoscalerRef.primaryScalerReplicas." + key, value == null ? null : value.toString());
            }
        }
        return settings;
    }

    private static @Nullable ServiceSpec service(Obj spec, TargetRef target) {
        Obj service = spec.object("service");
        if (service == null) {
            if (!spec.has("service")) {
                spec.doc().error(spec.path("service"), spec.location(), "is required (at least service.port)");
            }
            return null;
        }
        service.check(Fields.SERVICE);
        Integer port = service.integer("port");
        if (port == null && !service.has("port")) {
            service.doc().error(service.path("port"), service.location(), "is required");
        }
        String name = service.string("name", target.name());
        String portName = service.string("portName", ServiceSpec.DEFAULT_PORT_NAME);
        String targetPort = targetPort(service);
        return port == null ? null : new ServiceSpec(name, port, portName, targetPort);
    }

    private static @Nullable String targetPort(Obj service) {
        Node value = service.raw("targetPort");
        if (value == null) {
            return null;
        }
        if (value instanceof ScalarNode s && s.value() instanceof String text && !text.isBlank()) {
            return text;
        }
        if (value instanceof ScalarNode s && s.value() instanceof Number) {
            Integer number = service.integer("targetPort");
            if (number == null) {
                return null;
            }
            if (number >= 1 && number <= 65535) {
                return number.toString();
            }
        }
        service.doc().error(service.path("targetPort"), value.location(), "must be a port number (1-65535) or a "
                + "port name but was " + Node.describe(value));
        return null;
    }

    private static void put(Map<String, String> settings, String key, @Nullable String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }
}
