package dev.canary.prometheus;

import dev.canary.internal.Retries;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * What every {@link Endpoint} shares: the HTTP client, the retry policy, the response size limit and the
 * per-query {@code timeout} parameter ({@link Duration#ZERO} sends none).
 */
record Transport(OkHttpClient client, int maxAttempts, Duration initialBackoff, double backoffMultiplier,
        Duration maxBackoff, long maxResponseBytes, Duration queryTimeout) {

    Transport {
        Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(initialBackoff, "initialBackoff == null");
        Objects.requireNonNull(maxBackoff, "maxBackoff == null");
        Objects.requireNonNull(queryTimeout, "queryTimeout == null");
    }

    /** Retries only failures marked retryable (5xx, timeouts, connection problems), with exponential backoff. */
    RetryConfig retryConfig() {
        return Retries.config(maxAttempts, backoff())
                .retryOnException(e -> e instanceof PrometheusException pe && pe.retryable())
                .build();
    }

    /** The waits between attempts (milliseconds after attempt n), as {@link #retryConfig()} waits. */
    io.github.resilience4j.core.IntervalFunction backoff() {
        return Retries.exponential(initialBackoff, backoffMultiplier, maxBackoff);
    }

    /** The deadline of one attempt, for messages. */
    Duration callTimeout() {
        return Duration.ofMillis(client.callTimeoutMillis());
    }

    /** The HTTP read timeout, for messages. */
    Duration readTimeout() {
        return Duration.ofMillis(client.readTimeoutMillis());
    }
}
