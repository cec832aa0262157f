package dev.canary.spec;

import java.util.List;

/**
 * A spec (or a builder's settings) with problems; {@link #problems()} lists every one of them, each naming
 * the field, the rule and the value given.
 */
public class InvalidSpecException extends CanaryException {
    private static final long serialVersionUID = 1L;

    private final String canary;
    private final List<String> problems;

    public InvalidSpecException(String canary, List<String> problems) {
        super("canary " + canary + " is invalid: " + String.join("; ", problems));
        this.canary = canary;
        this.problems = List.copyOf(problems);
    }

    /** {@code namespace/name} of the canary. */
    public String canary() {
        return canary;
    }

    public List<String> problems() {
        return problems;
    }
}
