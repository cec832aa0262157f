package dev.canary.manifest;

import dev.canary.spec.MatchRule;
import dev.canary.spec.StringMatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads one {@code analysis.match[]} entry (Istio's HTTPMatchRequest, headers only) into a {@link MatchRule}. */
final class MatchReader {
    private static final List<String> KINDS = List.of("exact", "prefix", "suffix", "regex");

    private MatchReader() {
    }

    static @Nullable MatchRule rule(Obj match) {
        match.check(Fields.MATCH);
        Obj headers = match.object("headers");
        if (headers == null || headers.keys().isEmpty()) {
            if (!match.has("queryParams") && !match.has("sourceLabels")) {
                match.doc().error(match.path("headers"), match.location(), "an A/B rule needs at least one header "
                        + "(or a cookie header) to match");
            }
            return null;
        }
        Map<String, StringMatch> headerMatches = new LinkedHashMap<>();
        Map<String, StringMatch> cookieMatches = new LinkedHashMap<>();
        for (String name : headers.keys()) {
            StringMatch m = stringMatch(headers, name);
            if (m == null) {
                continue;
            }
            Optional<Map.Entry<String, StringMatch>> cookie = "cookie".equalsIgnoreCase(name)
                    && m.kind() == StringMatch.Kind.REGEX ? CookieMatch.parse(m.value()) : Optional.empty();
            if (cookie.isPresent()) {
                cookieMatches.put(cookie.get().getKey(), cookie.get().getValue());
            } else {
                headerMatches.put(name, m);
            }
        }
        return new MatchRule(headerMatches, cookieMatches);
    }

    private static @Nullable StringMatch stringMatch(Obj headers, String name) {
        Obj m = headers.object(name);
        if (m == null) {
            return null;
        }
        m.check(Fields.STRING_MATCH);
        List<String> given = KINDS.stream().filter(m::has).toList();
        if (given.size() != 1) {
            m.doc().error(m.path(), m.location(), "set exactly one of exact, prefix, suffix or regex, but "
                    + (given.isEmpty() ? "none was set" : "found " + String.join(" and ", given)));
            return null;
        }
        String value = m.string(given.get(0));
        if (value == null) {
            return null;
        }
        if ("regex".equals(given.get(0)) && !compiles(value)) {
            m.doc().error(m.path("regex"), m.keyLocation("regex"), "not a valid regular expression: '" + value + "'");
            return null;
        }
        StringMatch.Kind kind = StringMatch.Kind.valueOf(given.get(0).toUpperCase(java.util.Locale.ROOT));
        return new StringMatch(kind, value);
    }

    private static boolean compiles(String regex) {
        try {
            java.util.regex.Pattern.compile(regex);
            return true;
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }
}
