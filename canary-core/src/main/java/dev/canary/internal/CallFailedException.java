package dev.canary.internal;

import dev.canary.spec.CanaryException;

/** A call out of a run that did not answer in time or could not be made; its message names the call. */
final class CallFailedException extends CanaryException {
    private static final long serialVersionUID = 1L;

    CallFailedException(String run, String message) {
        super("canary " + run + ": " + message);
    }

    CallFailedException(String run, String message, Throwable cause) {
        super("canary " + run + ": " + message, cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
