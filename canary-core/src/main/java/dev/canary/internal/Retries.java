package dev.canary.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/**
 * The one way the library and its provider modules build Resilience4j retries (webhooks, Prometheus queries,
 * Kubernetes conflicts): a bounded number of attempts, exponential backoff between them, and the last result
 * returned as it is (never a {@code MaxRetriesExceededException}); the caller adds what to retry on.
 * Stateless.
 */
public final class Retries {
    private Retries() {
    }

    /** Backoff of {@code first}, multiplied by {@code multiplier} after each attempt, at most {@code max}. */
    public static IntervalFunction exponential(Duration first, double multiplier, Duration max) {
        return IntervalFunction.ofExponentialBackoff(first, multiplier, max);
    }

    /**
     * Exponential backoff with jitter ({@code randomization} of 0.5: each wait is between half and one and a half
     * of its nominal value), for writers that conflict with each other and should not retry in step.
     */
    public static IntervalFunction jittered(Duration first, double multiplier, double randomization, Duration max) {
        return IntervalFunction.ofExponentialRandomBackoff(first, multiplier, randomization, max);
    }

    /**
     * A retry of at most {@code maxAttempts} attempts (the first one included) with {@code backoff} between them.
     *
     * @throws IllegalArgumentException when {@code maxAttempts} is below 1
     */
    public static <T> RetryConfig.Builder<T> config(int maxAttempts, IntervalFunction backoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
        }
        return RetryConfig.<T>custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(backoff)
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false);
    }
}
