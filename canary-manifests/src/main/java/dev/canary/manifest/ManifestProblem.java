package dev.canary.manifest;

import dev.canary.spec.Redaction;
import java.util.Objects;

/**
 * One thing wrong with (or worth knowing about) a manifest: where it is and what it is.
 *
 * <p>Immutable and thread-safe.
 *
 * @param document the document it concerns, 1-based in input order; 0 when it concerns the whole input
 * @param path     the field, such as {@code spec.analysis.stepWeight}; empty for the whole document or input
 * @param line     the line, 1-based; 0 when unknown
 * @param column   the column, 1-based; 0 when unknown
 * @param message  what is wrong and what to do
 */
public record ManifestProblem(int document, String path, int line, int column, String message) {
    public ManifestProblem {
        // written so that a key or value from the input cannot start a log line of its own
        path = Redaction.oneLine(Objects.requireNonNull(path, "path == null"));
        message = Redaction.oneLine(Objects.requireNonNull(message, "message == null"));
    }

    /** {@code document 2, spec.analysis.stepWeight (line 14, column 17): must be ...}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (document > 0) {
            b.append("document ").append(document);
        }
        if (!path.isEmpty()) {
            b.append(b.length() > 0 ? ", " : "").append(path);
        }
        if (line > 0) {
            b.append(b.length() > 0 ? " " : "").append("(line ").append(line).append(", column ").append(column)
                    .append(')');
        }
        return b.length() > 0 ? b + ": " + message : message;
    }
}
