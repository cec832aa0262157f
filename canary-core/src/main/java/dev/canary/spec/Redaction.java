package dev.canary.spec;

import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The project's one secret masker. It masks the secret parts of URLs (user info, query, the secret path of chat
 * webhooks), the values of settings whose keys look secret, known secret values (a provider's token, password,
 * header values), and anything in a server's text that looks like a credential (bearer and basic values,
 * {@code token=}, {@code "password": ...}, URL user info, JWTs, well-known API key formats), before text
 * reaches logs, exceptions, evidence, events or {@code toString()}. {@link #quote} also truncates and keeps text
 * on one line, so that quoted text cannot start a log line of its own.
 *
 * <p>An instance ({@link #of}) masks known values as well as the patterns; the static methods mask the patterns.
 * Immutable and thread-safe.
 */
public final class Redaction {
    /** What a masked part is replaced with: {@value}. */
    public static final String MASK = "***";
    /** Masks the patterns only. */
    public static final Redaction NONE = new Redaction(List.of());

    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(token|passw|secret|key|authorization|credential|cookie|session|signature).*");
    private static final String SECRET_WORD = "[\\w.-]*(?:token|passw(?:or)?d|pwd|secret|api[-_]?key|access[-_]?key"
            + "|private[-_]?key|authorization|credential|session|cookie|signature)[\\w.-]*";
    private static final List<Pattern> CREDENTIALS = List.of(
            // user info in a URL: scheme://user:password@host
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@\"']+@"),
            // Authorization schemes with their value
            Pattern.compile("(?i)\\b(bearer|basic|digest)(\\s+)[a-z0-9._~+/=-]{4,}"),
            // key = value, key: value, "key": "value", key=value in a query
            Pattern.compile("(?i)([\"']?" + SECRET_WORD + "[\"']?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&}\"']+)"),
            // JSON web tokens
            Pattern.compile("\\beyJ[a-zA-Z0-9_-]{5,}\\.[a-zA-Z0-9_-]{5,}\\.[a-zA-Z0-9_-]*"),
            // well-known API key formats (AWS, GitHub, GitLab, Slack)
            Pattern.compile("\\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
                    + "|glpat-[A-Za-z0-9_-]{20}|xox[abposr]-[A-Za-z0-9-]{10,})"));
    private static final String[] REPLACEMENTS = {"$1" + MASK + "@", "$1$2" + MASK, "$1" + MASK, MASK, MASK};

    private final List<String> known;

    private Redaction(List<String> known) {
        this.known = known;
    }

    /** A masker of the patterns and of these known secret values (blank ones are ignored). */
    public static Redaction of(Collection<String> secrets) {
        // longest first, so that a secret containing another is masked whole
        return new Redaction(secrets.stream().filter(s -> s != null && !s.isBlank()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** {@code text} with the known secrets and anything that looks like a credential masked. */
    public String apply(String text) {
        String out = text;
        for (String secret : known) {
            out = out.replace(secret, MASK);
        }
        return credentials(out);
    }

    /** {@code text} with anything that looks like a credential masked. */
    public static String credentials(String text) {
        String out = text;
        for (int i = 0; i < CREDENTIALS.size(); i++) {
            out = CREDENTIALS.get(i).matcher(out).replaceAll(REPLACEMENTS[i]);
        }
        return out;
    }

    /**
     * Text from a server (a response body, an error) made fit to quote: credentials masked, then white space
     * collapsed and control characters escaped so it stays on one line, then cut to {@code max} characters.
     */
    public String quote(String text, int max) {
        String line = oneLine(apply(text).strip().replaceAll("\\s+", " "));
        return line.length() > max ? line.substring(0, max) + "...(truncated)" : line;
    }

    /**
     * A value from outside (an exception, a server's message, a name read from a cluster) made fit for a log line:
     * anything that looks like a credential masked ({@link #credentials}), then kept on one line ({@link #oneLine}),
     * so that it can neither leak a token nor start a line of its own. {@code null} is written as {@code null}.
     */
    public static String logged(@Nullable Object value) {
        return oneLine(credentials(String.valueOf(value)));
    }

    /** {@code text} with line breaks and other control characters written as backslash-u escapes: one log line. */
    public static String oneLine(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean breaks = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (breaks && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                b.append(breaks ? String.format("\\u%04X", (int) c) : String.valueOf(c));
            }
        }
        return b == null ? text : b.toString();
    }

    /** Whether a setting or header named {@code key} holds a secret (token, password, key, cookie...). */
    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * A webhook URL with its user info and query masked (tokens usually sit there); scheme, host, port and path
     * are kept so the receiver can still be recognised.
     */
    public static String url(@Nullable URI url) {
        if (url == null) {
            return "(no url)";
        }
        StringBuilder b = origin(url);
        b.append(url.getRawPath() == null ? "" : url.getRawPath());
        if (url.getRawQuery() != null) {
            b.append('?').append(MASK);
        }
        return b.toString();
    }

    /**
     * A chat webhook URL whose path is the secret (Slack, Teams, Discord, Google Chat): only the first path
     * segment is kept, such as {@code https://hooks.slack.com/services/***}.
     */
    public static String secretUrl(URI url) {
        StringBuilder b = origin(url);
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        int second = path.indexOf('/', 1);
        boolean hidden = (second >= 0 && second < path.length() - 1) || url.getRawQuery() != null;
        if (!hidden) {
            return b.append(path).toString();
        }
        String first = second >= 0 ? path.substring(0, second) : path;
        return b.append(first).append('/').append(MASK).toString();
    }

    /** {@code text} with every occurrence of {@code url} replaced by {@code shown}. */
    public static String scrub(String text, @Nullable URI url, String shown) {
        if (url == null) {
            return text;
        }
        String scrubbed = text.replace(url.toString(), shown);
        String query = url.getRawQuery();
        return query == null || query.isEmpty() ? scrubbed : scrubbed.replace(query, MASK);
    }

    private static StringBuilder origin(URI url) {
        StringBuilder b = new StringBuilder();
        if (url.getScheme() != null) {
            b.append(url.getScheme()).append("://");
        }
        if (url.getHost() != null) {
            b.append(url.getHost());
        }
        if (url.getPort() >= 0) {
            b.append(':').append(url.getPort());
        }
        return b;
    }
}
