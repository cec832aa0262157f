package dev.canary.traefik;

import dev.canary.spec.MatchRule;
import dev.canary.spec.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Renders A/B match rules as a Traefik router rule. Rules are alternatives ({@code ||}); within a rule every
 * header and cookie must match ({@code &&}). Regular expressions are Go RE2 and must match the whole value,
 * as in Flagger; cookies are matched inside the {@code Cookie} header.
 */
final class MatchRules {
    private static final String GO_REGEX_META = "\\.+*?()|[]{}^$";

    private MatchRules() {
    }

    /**
     * The rule for {@code rules} in {@code syntax}, such as {@code (Header(`x-canary`, `insider`))}; rules
     * without headers and cookies are skipped.
     */
    static String render(List<MatchRule> rules, RuleSyntax syntax) {
        List<String> alternatives = new ArrayList<>();
        for (MatchRule rule : rules) {
            if (rule.headers().isEmpty() && rule.cookies().isEmpty()) {
                continue;
            }
            List<String> all = new ArrayList<>();
            new TreeMap<>(rule.headers()).forEach((name, match) -> all.add(header(name, match, syntax)));
            new TreeMap<>(rule.cookies()).forEach((name, match) -> all.add(cookie(name, match, syntax)));
            alternatives.add("(" + String.join(" && ", all) + ")");
        }
        return String.join(" || ", alternatives);
    }

    private static String header(String name, StringMatch match, RuleSyntax syntax) {
        String value = match.value();
        return switch (match.kind()) {
            case EXACT -> call(syntax.header(), name, value);
            case PREFIX -> call(syntax.headerRegexp(), name, "^" + quoteMeta(value));
            case SUFFIX -> call(syntax.headerRegexp(), name, quoteMeta(value) + "$");
            case REGEX -> call(syntax.headerRegexp(), name, "^(?:" + value + ")$");
        };
    }

    private static String cookie(String name, StringMatch match, RuleSyntax syntax) {
        String value = quoteMeta(match.value());
        String valuePattern = switch (match.kind()) {
            case EXACT -> value;
            case PREFIX -> value + "[^;]*";
            case SUFFIX -> "[^;]*" + value;
            case REGEX -> "(?:" + match.value() + ")";
        };
        return call(syntax.headerRegexp(), "Cookie",
                "(?:^|;)\\s*" + quoteMeta(name) + "=" + valuePattern + "\\s*(?:;|$)");
    }

    private static String call(String matcher, String first, String second) {
        return matcher + "(" + goString(first) + ", " + goString(second) + ")";
    }

    /** Escapes Go regular-expression metacharacters, as Go's {@code regexp.QuoteMeta} does. */
    static String quoteMeta(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (GO_REGEX_META.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A Go string literal: raw (backquoted) unless the text holds a backquote, then interpreted. */
    static String goString(String text) {
        if (text.indexOf('`') < 0) {
            return "`" + text + "`";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Whether the rules have anything to render. */
    static boolean isEmpty(List<MatchRule> rules) {
        return rules.stream().allMatch(r -> r.headers().isEmpty() && r.cookies().isEmpty());
    }
}
