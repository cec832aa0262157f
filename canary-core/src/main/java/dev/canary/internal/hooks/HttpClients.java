package dev.canary.internal.hooks;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client shared by webhooks, alerts and load generation (one connection pool and dispatcher; variants
 * are derived with {@code newBuilder()}). Thread-safe.
 */
public final class HttpClients {
    /** Per-attempt timeout of an alert delivery. */
    static final Duration ALERT_TIMEOUT = Duration.ofSeconds(5);

    private static final class Holder {
        static final OkHttpClient SHARED = new OkHttpClient.Builder().followRedirects(false).build();
    }

    private HttpClients() {
    }

    /** The shared client; created on first use. */
    public static OkHttpClient shared() {
        return Holder.SHARED;
    }

    /** A variant of {@code base} that does not verify TLS certificates or host names (for {@code disableTls}). */
    static OkHttpClient insecure(OkHttpClient base) {
        OkHttpClient.Builder builder = base.newBuilder();
        dev.canary.internal.http.HttpTls.trustEverything(builder);
        return builder.build();
    }
}
