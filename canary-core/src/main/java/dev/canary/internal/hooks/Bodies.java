package dev.canary.internal.hooks;

import dev.canary.spec.Redaction;
import java.io.IOException;
import okhttp3.Response;

/** Quotes response bodies in failure details: credentials masked, on one line, truncated. Stateless. */
final class Bodies {
    /** Characters of a response body kept in a failure detail. */
    static final int MAX_QUOTED = 300;
    private static final long MAX_READ = 4096;

    private Bodies() {
    }

    /** {@code : "<body>"} (masked, truncated, on one line), or empty when the body is empty or unreadable. */
    static String quote(Response response) {
        String text;
        try {
            text = response.peekBody(MAX_READ).string();
        } catch (IOException e) {
            return "";
        }
        String line = Redaction.NONE.quote(text, MAX_QUOTED);
        return line.isEmpty() ? "" : ": \"" + line + "\"";
    }
}
