package dev.canary.layersamples;

import okhttp3.OkHttpClient;

/** A public type that uses OkHttp only inside: allowed. */
public final class HidesOkHttp {
    private final OkHttpClient client = new OkHttpClient();

    public int timeoutMillis() {
        return client.callTimeoutMillis();
    }
}
