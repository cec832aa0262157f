package dev.canary.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One A/B match rule: a request matches when every header and every cookie listed matches. Rules in a
 * list are alternatives (any rule matches). Immutable and thread-safe; {@link #header} and {@link #cookie} for
 * one condition, {@link #builder()} for several.
 */
public record MatchRule(Map<String, StringMatch> headers, Map<String, StringMatch> cookies) {
    public MatchRule {
        headers = Map.copyOf(headers);
        cookies = Map.copyOf(cookies);
    }

    public static MatchRule header(String name, StringMatch match) {
        return new MatchRule(Map.of(name, match), Map.of());
    }

    public static MatchRule cookie(String name, StringMatch match) {
        return new MatchRule(Map.of(), Map.of(name, match));
    }

    /** A builder of a rule whose conditions must all hold. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link MatchRule}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, StringMatch> headers = new LinkedHashMap<>();
        private final Map<String, StringMatch> cookies = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder header(String name, StringMatch match) {
            headers.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(match, "match == null"));
            return this;
        }

        public Builder cookie(String name, StringMatch match) {
            cookies.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(match, "match == null"));
            return this;
        }

        public MatchRule build() {
            return new MatchRule(headers, cookies);
        }
    }
}
