package dev.canary.internal.hooks;

import dev.canary.WebhookSignature;
import dev.canary.internal.Retries;
import dev.canary.spec.Redaction;
import dev.canary.spec.WebhookSpec;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * POSTs a webhook payload: per-attempt timeout ({@link WebhookSpec#timeout()}), {@link WebhookSpec#retries()}
 * extra attempts with Resilience4j Retry on connection errors, timeouts, 429 and 5xx (not 501), success on 2xx,
 * optional HMAC signature, TLS verification off only for a hook with {@code disableTls}. Thread-safe.
 */
final class WebhookClient {
    /** Backoff between attempts: 1 s, doubling, at most 30 s (as Flagger's HTTP client). */
    static final IntervalFunction DEFAULT_BACKOFF =
            Retries.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));
    private static final MediaType JSON = MediaType.get("application/json");

    /** The result of a call; {@code detail} says what the receiver answered or why it could not be reached. */
    record Outcome(boolean ok, String detail) {
    }

    private record Attempt(int code, String quoted) {
        boolean retryable() {
            return code == 429 || (code >= 500 && code != 501);
        }
    }

    private record Variant(Duration timeout, boolean insecure) {
    }

    private final OkHttpClient base;
    private final Clock clock;
    private final byte @Nullable [] signingKey;
    private final IntervalFunction backoff;
    private final Map<Variant, OkHttpClient> clients = new ConcurrentHashMap<>();

    WebhookClient(OkHttpClient base, Clock clock, byte @Nullable [] signingKey, IntervalFunction backoff) {
        this.base = base;
        this.clock = clock;
        this.signingKey = signingKey == null ? null : signingKey.clone();
        this.backoff = backoff;
    }

    /** Sends {@code body} to the hook's URL; never throws. */
    Outcome post(WebhookSpec hook, byte[] body) {
        String shown = "POST " + Redaction.url(hook.url());
        if (hook.url() == null) {
            return new Outcome(false, "the webhook has no url");
        }
        RetryConfig config = Retries.<Attempt>config(hook.retries() + 1, backoff)
                .retryOnResult(Attempt::retryable)
                .retryExceptions(IOException.class)
                .ignoreExceptions(SSLHandshakeException.class, SSLPeerUnverifiedException.class)
                .build();
        AtomicInteger attempts = new AtomicInteger();
        OkHttpClient client = client(hook);
        CheckedSupplier<Attempt> call = Retry.decorateCheckedSupplier(Retry.of("webhook-" + hook.name(), config),
                () -> {
                    attempts.incrementAndGet();
                    return attempt(client, hook, body);
                });
        try {
            Attempt last = call.get();
            if (last.code() >= 200 && last.code() <= 299) {
                return new Outcome(true, shown + " answered HTTP " + last.code());
            }
            return new Outcome(false, shown + " answered HTTP " + last.code() + tries(attempts.get())
                    + Redaction.scrub(last.quoted(), hook.url(), Redaction.url(hook.url())));
        } catch (Throwable e) {
            return new Outcome(false, shown + " failed" + tries(attempts.get()) + ": "
                    + Redaction.scrub(e.toString(), hook.url(), Redaction.url(hook.url())));
        }
    }

    private Attempt attempt(OkHttpClient client, WebhookSpec hook, byte[] body) throws IOException {
        Request.Builder request = new Request.Builder().url(String.valueOf(hook.url()))
                .post(RequestBody.create(body, JSON));
        if (signingKey != null) {
            long now = clock.instant().getEpochSecond();
            request.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
            request.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(signingKey, now, body));
        }
        try (Response response = client.newCall(request.build()).execute()) {
            return new Attempt(response.code(), response.isSuccessful() ? "" : Bodies.quote(response));
        }
    }

    private OkHttpClient client(WebhookSpec hook) {
        return clients.computeIfAbsent(new Variant(hook.timeout(), hook.disableTls()), v -> {
            OkHttpClient timed = base.newBuilder().callTimeout(v.timeout()).build();
            return v.insecure() ? HttpClients.insecure(timed) : timed;
        });
    }

    private static String tries(int attempts) {
        return attempts > 1 ? " after " + attempts + " attempts" : "";
    }
}
