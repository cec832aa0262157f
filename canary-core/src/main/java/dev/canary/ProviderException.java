package dev.canary;

import dev.canary.spec.CanaryException;
import org.jspecify.annotations.Nullable;

/**
 * A provider (router, metrics, target, state store) failed to do what was asked.
 * {@link #provider()} names it; {@link #status()} carries the HTTP status when there was one.
 */
public class ProviderException extends CanaryException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final int status;

    public ProviderException(String provider, String message) {
        this(provider, message, -1, null);
    }

    public ProviderException(String provider, String message, @Nullable Throwable cause) {
        this(provider, message, -1, cause);
    }

    public ProviderException(String provider, String message, int status, @Nullable Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
        this.status = status;
    }

    public String provider() {
        return provider;
    }

    /** The HTTP status of the failed call, or -1. */
    public int status() {
        return status;
    }
}
