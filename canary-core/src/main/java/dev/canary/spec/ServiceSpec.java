package dev.canary.spec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The service in front of the target: the apex service {@code name}, with {@code name-primary} and
 * {@code name-canary} beside it.
 *
 * @param name        apex service name; defaults to the target's name
 * @param port        the service port (required, 1..65535)
 * @param portName    the port's name, default {@value #DEFAULT_PORT_NAME}
 * @param targetPort  the container port (number or name); defaults to {@code port}
 */
public record ServiceSpec(String name, int port, String portName, @Nullable String targetPort) {
    public static final String DEFAULT_PORT_NAME = "http";

    public ServiceSpec {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(portName, "portName == null");
    }

    public static ServiceSpec of(String name, int port) {
        return new ServiceSpec(name, port, DEFAULT_PORT_NAME, null);
    }

    /** The service that selects the primary pods. */
    public String primaryName() {
        return name + "-primary";
    }

    /** The service that selects the canary pods. */
    public String canaryName() {
        return name + "-canary";
    }

    /** The container port: {@code targetPort} when set, else {@code port}. */
    public String effectiveTargetPort() {
        return targetPort != null ? targetPort : Integer.toString(port);
    }
}
