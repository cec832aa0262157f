package dev.canary.spec;

import org.jspecify.annotations.Nullable;

/**
 * Inclusive bounds a check value must stay within; either bound may be absent.
 */
public record ThresholdRange(@Nullable Double min, @Nullable Double max) {
    /** No bounds: every value passes. */
    public static final ThresholdRange UNBOUNDED = new ThresholdRange(null, null);

    public static ThresholdRange atLeast(double min) {
        return new ThresholdRange(min, null);
    }

    public static ThresholdRange atMost(double max) {
        return new ThresholdRange(null, max);
    }

    public static ThresholdRange between(double min, double max) {
        return new ThresholdRange(min, max);
    }

    /** Whether {@code value} lies within the bounds (inclusive). NaN is never within. */
    public boolean contains(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return (min == null || value >= min) && (max == null || value <= max);
    }

    @Override
    public String toString() {
        return "[" + (min == null ? "-inf" : min) + ", " + (max == null ? "+inf" : max) + "]";
    }
}
