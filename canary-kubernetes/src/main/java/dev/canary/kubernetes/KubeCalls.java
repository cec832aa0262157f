package dev.canary.kubernetes;

import dev.canary.ProviderException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** Error translation and bounded retries on optimistic-concurrency conflicts. */
final class KubeCalls {
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;

    private KubeCalls() {
    }

    static boolean isConflict(KubernetesClientException e) {
        return e.getCode() == CONFLICT;
    }

    /** A {@link ProviderException} saying what failed, with the HTTP status of the call. */
    static ProviderException failure(String what, KubernetesClientException e) {
        return new ProviderException(Names.PROVIDER, what + ": " + e.getMessage(), e.getCode(), e);
    }

    /**
     * Runs a read-modify-write {@code call}, again from the read when it fails with 409 Conflict, at most
     * {@code attempts} times; other errors and the last conflict become a {@link ProviderException}.
     */
    static <T> T retryOnConflict(String what, int attempts, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (KubernetesClientException e) {
                if (!isConflict(e) || attempt >= attempts) {
                    throw failure(what + (isConflict(e) ? " (still conflicting after " + attempt + " attempts)" : ""),
                            e);
                }
            }
        }
    }

    /** Runs {@code call}, turning a client error into a {@link ProviderException}. */
    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw failure(what, e);
        }
    }
}
