package dev.canary.spec;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The rule for the URLs a spec calls (webhooks, alert endpoints): an absolute {@code http} or {@code https} URL
 * (the scheme in any case, as RFC 3986 allows) that names a host. Stateless.
 */
public final class HttpUrls {
    private HttpUrls() {
    }

    /** What is wrong with {@code url}, as "must ..." to follow a field name; {@code null} when it is fine. */
    public static @Nullable String problem(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL";
        }
        if (url.isOpaque() || url.getHost() == null || url.getHost().isEmpty()) {
            return "must name a host (such as http://hooks.example.com/path)";
        }
        return null;
    }
}
