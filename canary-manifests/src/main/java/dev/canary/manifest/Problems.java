package dev.canary.manifest;

import dev.canary.manifest.Node.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Collects the errors and warnings of one load. Not thread-safe. */
final class Problems {
    /** Problems in the order of the input; problems without a line keep their place after located ones. */
    private static final Comparator<ManifestProblem> IN_INPUT_ORDER = Comparator.comparingInt(ManifestProblem::document)
            .thenComparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line())
            .thenComparingInt(ManifestProblem::column);

    private final String source;
    private final List<ManifestProblem> errors = new ArrayList<>();
    private final List<ManifestProblem> warnings = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void error(int document, String path, @Nullable Location location, String message) {
        errors.add(problem(document, path, location, message));
    }

    void warn(int document, String path, @Nullable Location location, String message) {
        warnings.add(problem(document, path, location, message));
    }

    int errorCount() {
        return errors.size();
    }

    List<ManifestProblem> warnings() {
        return List.copyOf(warnings);
    }

    /** @throws ManifestException when any error was recorded */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            List<ManifestProblem> sorted = new ArrayList<>(errors);
            sorted.sort(IN_INPUT_ORDER);
            throw new ManifestException(source, sorted);
        }
    }

    /** A single problem about the whole input, thrown at once. */
    ManifestException fatal(@Nullable Location location, String message) {
        return new ManifestException(source, List.of(problem(0, "", location, message)));
    }

    private static ManifestProblem problem(int document, String path, @Nullable Location location, String message) {
        Location at = location == null ? Location.UNKNOWN : location;
        return new ManifestProblem(document, path, at.line(), at.column(), message);
    }
}
