package dev.canary.spec;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the library throws. Unchecked; subclasses carry context.
 */
public class CanaryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CanaryException(String message) {
        super(message);
    }

    public CanaryException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * Wraps any throwable as a {@link CanaryException}: errors are rethrown, canary exceptions pass through,
     * and an interrupt restores the thread's interrupt flag.
     */
    public static CanaryException launder(String context, Throwable t) {
        if (t instanceof Error error) {
            throw error;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (t instanceof CanaryException ce) {
            return ce;
        }
        return new CanaryException(context + ": " + t, t);
    }
}
