package dev.canary.manifest;

import dev.canary.spec.StringMatch;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Istio has no cookie match: Flagger's docs match a cookie with a regex on the {@code cookie} header,
 * {@code ^(.*?;)?(name=value)(;.*)?$}. This maps that form (with a literal name and value, regex
 * metacharacters escaped) to a cookie rule and back.
 */
final class CookieMatch {
    private static final String META = "\\^$.|?*+()[]{}";
    private static final String LITERAL = "(?:[^\\\\^$.|?*+()\\[\\]{}=]|\\\\[\\\\^$.|?*+()\\[\\]{}=])";
    private static final Pattern FORM = Pattern.compile(
            "\\^\\(\\.\\*\\?;\\)\\?\\((" + LITERAL + "+)=(" + LITERAL + "*)\\)\\(;\\.\\*\\)\\?\\$");

    private CookieMatch() {
    }

    /** The cookie a {@code cookie} header regex matches exactly, if it has the simple form. */
    static Optional<Map.Entry<String, StringMatch>> parse(String regex) {
        Matcher m = FORM.matcher(regex);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(unescape(m.group(1)), StringMatch.exact(unescape(m.group(2)))));
    }

    /** The {@code cookie} header regex that matches a request carrying cookie {@code name=value}. */
    static String regex(String name, String value) {
        return "^(.*?;)?(" + escape(name) + "=" + escape(value) + ")(;.*)?$";
    }

    private static String escape(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (META.indexOf(c) >= 0 || c == '=') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String unescape(String text) {
        return text.replaceAll("\\\\(.)", "$1");
    }
}
