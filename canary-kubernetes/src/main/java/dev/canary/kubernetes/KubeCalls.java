package dev.canary.kubernetes;

import dev.canary.ProviderException;
import dev.canary.internal.Retries;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Error translation and bounded retries on optimistic-concurrency conflicts. */
final class KubeCalls {
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;
    /**
     * The wait before reading again after a conflict: 20 ms, doubling, at most 500 ms, with jitter so that two
     * writers of one object do not retry in step.
     */
    static final IntervalFunction CONFLICT_BACKOFF =
            Retries.jittered(Duration.ofMillis(20), 2.0, 0.5, Duration.ofMillis(500));

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
     * Runs a read-modify-write {@code call}, again from the read after {@link #CONFLICT_BACKOFF} when it fails
     * with 409 Conflict, at most {@code attempts} times (Resilience4j Retry); other errors and the last conflict
     * become a {@link ProviderException}.
     */
    static <T> T retryOnConflict(String what, int attempts, Supplier<T> call) {
        Retry retry = Retry.of("kubernetes-conflict", Retries.config(attempts, CONFLICT_BACKOFF)
                .retryOnException(e -> e instanceof KubernetesClientException k && isConflict(k)).build());
        AtomicInteger tries = new AtomicInteger();
        try {
            return Retry.decorateSupplier(retry, () -> {
                tries.incrementAndGet();
                return call.get();
            }).get();
        } catch (KubernetesClientException e) {
            throw failure(what + (isConflict(e) ? " (still conflicting after " + tries.get() + " attempts)" : ""), e);
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
