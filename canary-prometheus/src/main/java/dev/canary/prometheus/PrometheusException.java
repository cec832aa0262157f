package dev.canary.prometheus;

import dev.canary.ProviderException;
import org.jspecify.annotations.Nullable;

/**
 * Prometheus could not answer a query: it rejected it (HTTP 400 {@code bad_data}, 422 {@code execution}), it was
 * unavailable (5xx, timeouts, refused connections, after the configured retries), or its response was not a
 * valid API envelope. The message quotes Prometheus' own error and the query; it never contains credentials.
 * Thrown by {@link PrometheusMetricsProvider#queryInstant} and {@link PrometheusMetricsProvider#queryRange};
 * {@link PrometheusMetricsProvider#query} reports the same message as a failed result instead.
 */
public class PrometheusException extends ProviderException {
    private static final long serialVersionUID = 1L;
    /** The provider name this exception reports. */
    public static final String PROVIDER = "prometheus";

    private final @Nullable String errorType;
    private final String query;
    private final boolean retryable;

    /**
     * @param message   what went wrong, without credentials
     * @param status    the HTTP status, or -1 when there was no response
     * @param errorType Prometheus' {@code errorType} ({@code bad_data}, {@code execution}, {@code timeout}...)
     * @param query     the PromQL expression that was sent
     * @param retryable whether trying again may succeed (5xx, timeouts, connection failures)
     * @param cause     the underlying I/O or parse failure, if any
     */
    public PrometheusException(String message, int status, @Nullable String errorType, String query,
            boolean retryable, @Nullable Throwable cause) {
        super(PROVIDER, message, status, cause);
        this.errorType = errorType;
        this.query = query;
        this.retryable = retryable;
    }

    /** Prometheus' {@code errorType}, when the response carried one. */
    public @Nullable String errorType() {
        return errorType;
    }

    /** The PromQL expression that failed. */
    public String query() {
        return query;
    }

    /** Whether the failure is transient (5xx, timeout, connection failure) and was retried. */
    public boolean retryable() {
        return retryable;
    }
}
