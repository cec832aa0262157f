package dev.canary.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * TLS trust settings for the OkHttp clients of providers and hooks: the JDK's trust store (OkHttp's default), the
 * certificates of a PEM file, or no verification at all (only where a user asks for it). Stateless.
 */
public final class HttpTls {
    private HttpTls() {
    }

    /**
     * Reads PEM certificates into a trust manager that trusts exactly them.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public static X509TrustManager fromPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("caFile " + file + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X509TrustManager");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("caFile " + file + " cannot be read as PEM certificates: "
                    + e.getMessage(), e);
        }
    }

    /** Trusts {@code trust} instead of the JDK's default trust store. */
    public static void apply(OkHttpClient.Builder builder, X509TrustManager trust) {
        builder.sslSocketFactory(context(trust).getSocketFactory(), trust);
    }

    /** Turns certificate and host name verification off. */
    public static void trustEverything(OkHttpClient.Builder builder) {
        X509TrustManager all = new TrustAll();
        builder.sslSocketFactory(context(all).getSocketFactory(), all).hostnameVerifier((host, session) -> true);
    }

    private static SSLContext context(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Accepts every certificate: only when the user turned verification off. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // no verification: asked for by the user
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // no verification: asked for by the user
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
