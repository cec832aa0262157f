package dev.canary.manifest;

import dev.canary.spec.CanaryException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest that cannot be loaded (or a spec that cannot be written as one). {@link #problems()} lists every
 * problem found, each with its document, field path and, where known, line and column.
 */
public class ManifestException extends CanaryException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<ManifestProblem> problems;

    public ManifestException(String source, List<ManifestProblem> problems) {
        super(message(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** Where the manifest came from: a file path, or {@code <string>}, {@code <reader>}, {@code <stream>}. */
    public String source() {
        return source;
    }

    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String message(String source, List<ManifestProblem> problems) {
        if (problems.size() == 1) {
            return source + ": " + problems.get(0);
        }
        return source + ": " + problems.size() + " problems:" + problems.stream().map(p -> "\n  - " + p)
                .collect(Collectors.joining());
    }
}
