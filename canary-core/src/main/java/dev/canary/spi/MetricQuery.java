package dev.canary.spi;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import java.util.Objects;

/**
 * One check to evaluate for one subject.
 *
 * @param spec    the canary (names, namespace, service, for rendering queries)
 * @param check   the check
 * @param subject whose traffic to measure
 */
public record MetricQuery(CanarySpec spec, MetricCheck check, Subject subject) {
    /** Whose traffic a query measures. */
    public enum Subject { CANARY, PRIMARY }

    public MetricQuery {
        Objects.requireNonNull(spec, "spec == null");
        Objects.requireNonNull(check, "check == null");
        Objects.requireNonNull(subject, "subject == null");
    }

    public static MetricQuery canary(CanarySpec spec, MetricCheck check) {
        return new MetricQuery(spec, check, Subject.CANARY);
    }
}
