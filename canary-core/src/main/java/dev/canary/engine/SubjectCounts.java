package dev.canary.engine;

import dev.canary.spec.MetricResult;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the metrics provider answered for one sequential check's counts since the analysis started.
 *
 * @param canary  the canary's counts ({@link MetricResult.Counts}), or no data, or a failure
 * @param primary the primary's, when the check compares with it
 */
public record SubjectCounts(MetricResult canary, @Nullable MetricResult primary) {
    public SubjectCounts {
        Objects.requireNonNull(canary, "canary == null");
    }
}
