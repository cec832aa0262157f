package dev.canary.layersamples;

import okhttp3.OkHttpClient;

/** A public type that hands out an OkHttp client. */
public final class ExposesOkHttp {
    public OkHttpClient client() {
        return new OkHttpClient();
    }
}
