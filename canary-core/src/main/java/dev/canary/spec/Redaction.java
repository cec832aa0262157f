package dev.canary.spec;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Masks the secret parts of URLs (user info, query, the secret path of chat webhooks) before they reach logs,
 * exceptions or {@code toString()}. Specs, hooks and alert providers show URLs only through it.
 *
 * <p>Stateless and thread-safe.
 */
public final class Redaction {
    /** What a masked part is replaced with: {@value}. */
    public static final String MASK = "***";

    private Redaction() {
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
