package dev.canary.spec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The service in front of the target: the apex service {@code name}, with {@code name-primary} and
 * {@code name-canary} beside it. Immutable and thread-safe; {@link #of(String, int)} for the defaults, or
 * {@link #builder(String, int)}.
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
        return builder(name, port).build();
    }

    /** A builder with the default port name and no target port. */
    public static Builder builder(String name, int port) {
        return new Builder(name, port);
    }

    /** A builder starting from this service's values. */
    public Builder toBuilder() {
        return new Builder(name, port).portName(portName).targetPort(targetPort);
    }

    /** Builds a {@link ServiceSpec}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final int port;
        private String portName = DEFAULT_PORT_NAME;
        private @Nullable String targetPort;

        private Builder(String name, int port) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.port = port;
        }

        public Builder portName(String portName) {
            this.portName = Objects.requireNonNull(portName, "portName == null");
            return this;
        }

        /** The container port, a number or a name; null (the default) for the service port. */
        public Builder targetPort(@Nullable String targetPort) {
            this.targetPort = targetPort;
            return this;
        }

        public ServiceSpec build() {
            return new ServiceSpec(name, port, portName, targetPort);
        }
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
