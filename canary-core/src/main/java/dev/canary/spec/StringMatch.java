package dev.canary.spec;

import java.util.Objects;

/** How a header or cookie value is matched in an A/B route. */
public record StringMatch(Kind kind, String value) {
    public enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    public StringMatch {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(value, "value == null");
    }

    public static StringMatch exact(String value) {
        return new StringMatch(Kind.EXACT, value);
    }

    public static StringMatch prefix(String value) {
        return new StringMatch(Kind.PREFIX, value);
    }

    public static StringMatch suffix(String value) {
        return new StringMatch(Kind.SUFFIX, value);
    }

    public static StringMatch regex(String value) {
        return new StringMatch(Kind.REGEX, value);
    }
}
