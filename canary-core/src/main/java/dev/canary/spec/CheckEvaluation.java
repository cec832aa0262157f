package dev.canary.spec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The evidence behind one check's verdict in one tick.
 *
 * @param name    the check's name
 * @param verdict the verdict
 * @param value   the value measured, when there was one
 * @param range   the bounds it was judged against
 * @param samples the number of requests behind the value, or -1 when the provider did not say
 * @param detail  a human-readable explanation ("99.2 within [99.0, +inf]", "no data: ...")
 * @param source  what was asked, such as the rendered query; empty when unknown
 */
public record CheckEvaluation(
        String name,
        Verdict verdict,
        @Nullable Double value,
        ThresholdRange range,
        long samples,
        String detail,
        String source) {

    public CheckEvaluation {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(verdict, "verdict == null");
        Objects.requireNonNull(range, "range == null");
        Objects.requireNonNull(detail, "detail == null");
        Objects.requireNonNull(source, "source == null");
    }
}
