package dev.canary.spec;

import java.util.Map;

/**
 * One A/B match rule: a request matches when every header and every cookie listed matches. Rules in a
 * list are alternatives (any rule matches).
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
}
