package dev.canary;

import dev.canary.spec.CanaryException;

/**
 * No provider of a kind could be found on the class path, or none with the name asked for. The message
 * names the artifact to add.
 */
public class ProviderNotFoundException extends CanaryException {
    private static final long serialVersionUID = 1L;

    public ProviderNotFoundException(String message) {
        super(message);
    }
}
