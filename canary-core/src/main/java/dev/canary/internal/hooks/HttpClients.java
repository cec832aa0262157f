package dev.canary.internal.hooks;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
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
        X509TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return base.newBuilder().sslSocketFactory(context.getSocketFactory(), trustAll)
                    .hostnameVerifier((host, session) -> true).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context without verification: " + e, e);
        }
    }
}
