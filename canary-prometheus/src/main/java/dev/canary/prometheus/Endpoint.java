package dev.canary.prometheus;

import dev.canary.spec.Redaction;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/** One Prometheus server: sends instant and range queries, retries transient failures, parses the envelope. */
final class Endpoint {
    private static final int ERROR_BODY_LIMIT = 64 * 1024;
    /** Asynchronous queries allowed to wait in OkHttp's queue, per query in flight. */
    private static final int QUEUED_PER_RUNNING = 4;

    private final HttpUrl base;
    private final Headers headers;
    private final Redaction redaction;
    private final Transport transport;
    private final Retry retry;

    Endpoint(HttpUrl base, Headers headers, Redaction redaction, Transport transport) {
        this.base = base;
        this.headers = headers;
        this.redaction = redaction;
        this.transport = transport;
        this.retry = Retry.of("prometheus", transport.retryConfig());
    }

    /** The server's base URL (never holds credentials). */
    String address() {
        return base.toString();
    }

    QueryResult instant(String promql, Instant time) {
        FormBody.Builder form = new FormBody.Builder().add("query", promql).add("time", seconds(time));
        return call("api/v1/query", form, promql);
    }

    /**
     * {@link #instant} without holding the caller's thread: OkHttp's asynchronous call (its dispatcher bounds the
     * requests in flight), retried as {@link #instant} is, the waits between attempts on a timer. The future fails
     * with the {@link PrometheusException} that {@link #instant} would throw.
     */
    CompletableFuture<QueryResult> instantAsync(String promql, Instant time) {
        FormBody.Builder form = new FormBody.Builder().add("query", promql).add("time", seconds(time));
        CompletableFuture<QueryResult> result = new CompletableFuture<>();
        enqueue(request("api/v1/query", form), promql, 1, result);
        return result;
    }

    private void enqueue(Request request, String promql, int attempt, CompletableFuture<QueryResult> result) {
        okhttp3.Dispatcher dispatcher = transport.client().dispatcher();
        int waiting = dispatcher.queuedCallsCount();
        if (waiting >= QUEUED_PER_RUNNING * dispatcher.getMaxRequests()) {
            // a server that stopped answering: queries would pile up without bound, tick after tick
            result.completeExceptionally(new PrometheusException("Prometheus at " + address() + " has " + waiting
                    + " queries waiting for one of " + dispatcher.getMaxRequests() + " connections "
                    + "(maxConcurrentQueries); not sending more until they are answered; query: " + promql, -1, null,
                    promql, false, null));
            return;
        }
        transport.client().newCall(request).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    if (response.isSuccessful()) {
                        result.complete(ResponseParser.parse(body(response, promql), promql, redaction));
                    } else {
                        retryOrFail(request, promql, attempt, result, httpError(response, promql, attempt));
                    }
                } catch (IOException e) {
                    retryOrFail(request, promql, attempt, result, transportError(e, promql, attempt));
                } catch (PrometheusException e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    result.completeExceptionally(new PrometheusException("querying Prometheus at " + address()
                            + " failed: " + e + "; query: " + promql, -1, null, promql, false, e));
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                retryOrFail(request, promql, attempt, result, transportError(e, promql, attempt));
            }
        });
    }

    private void retryOrFail(Request request, String promql, int attempt, CompletableFuture<QueryResult> result,
            PrometheusException failure) {
        if (!failure.retryable() || attempt >= transport.maxAttempts()) {
            result.completeExceptionally(failure);
            return;
        }
        long wait = transport.backoff().apply(attempt);
        CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS, Runnable::run)
                .execute(() -> enqueue(request, promql, attempt + 1, result));
    }

    /** @throws IllegalArgumentException for a range Prometheus would refuse, before sending it */
    QueryResult range(String promql, Instant start, Instant end, Duration step) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " must not be before start " + start);
        }
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive but was " + step);
        }
        long points = Duration.between(start, end).toMillis() / Math.max(1, step.toMillis());
        if (points > PrometheusMetricsProvider.MAX_RANGE_POINTS) {
            throw new IllegalArgumentException("the range has " + points + " points per series but Prometheus allows "
                    + PrometheusMetricsProvider.MAX_RANGE_POINTS + "; use a larger step or a shorter range");
        }
        FormBody.Builder form = new FormBody.Builder().add("query", promql).add("start", seconds(start))
                .add("end", seconds(end)).add("step", PromQl.duration(step));
        return call("api/v1/query_range", form, promql);
    }

    private Request request(String path, FormBody.Builder form) {
        if (!transport.queryTimeout().isZero()) {
            form.add("timeout", PromQl.duration(transport.queryTimeout()));
        }
        return new Request.Builder().url(base.newBuilder().addPathSegments(path).build())
                .headers(headers).post(form.build()).build();
    }

    private QueryResult call(String path, FormBody.Builder form, String promql) {
        Request request = request(path, form);
        AtomicInteger attempts = new AtomicInteger();
        try {
            return retry.executeCallable(() -> attempt(request, promql, attempts.incrementAndGet()));
        } catch (PrometheusException e) {
            throw e;
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new PrometheusException("interrupted while querying Prometheus; query: " + promql, -1, null,
                        promql, false, e);
            }
            throw new PrometheusException("querying Prometheus at " + address() + " failed: " + e + "; query: "
                    + promql, -1, null, promql, false, e);
        }
    }

    private QueryResult attempt(Request request, String promql, int attempt) {
        try (Response response = transport.client().newCall(request).execute()) {
            if (response.isSuccessful()) {
                return ResponseParser.parse(body(response, promql), promql, redaction);
            }
            throw httpError(response, promql, attempt);
        } catch (IOException e) {
            throw transportError(e, promql, attempt);
        }
    }

    private byte[] body(Response response, String promql) throws IOException {
        long limit = transport.maxResponseBytes();
        BufferedSource source = response.body().source();
        if (response.body().contentLength() > limit || source.request(limit + 1)) {
            throw new PrometheusException("Prometheus' response is larger than the limit of " + limit
                    + " bytes (maxResponseBytes); narrow the query; query: " + promql, response.code(), null,
                    promql, false, null);
        }
        return source.getBuffer().readByteArray();
    }

    private PrometheusException httpError(Response response, String promql, int attempt) throws IOException {
        BufferedSource source = response.body().source();
        source.request(ERROR_BODY_LIMIT);
        long available = Math.min(source.getBuffer().size(), ERROR_BODY_LIMIT);
        ResponseParser.ErrorBody error = ResponseParser.error(source.getBuffer().readByteArray(available), redaction);
        int code = response.code();
        String detail = "(HTTP " + code + (error.errorType() != null ? ", " + error.errorType() : "") + "): "
                + error.error() + "; query: " + promql;
        if (code == 400 || code == 422) {
            return new PrometheusException("Prometheus rejected the query " + detail, code, error.errorType(),
                    promql, false, null);
        }
        if (code >= 500) {
            return new PrometheusException("Prometheus at " + address() + " is unavailable " + detail
                    + gaveUp(attempt), code, error.errorType(), promql, true, null);
        }
        String hint = code == 401 || code == 403 ? " (check the token or username and password)" : "";
        return new PrometheusException("Prometheus at " + address() + " refused the request" + hint + " " + detail,
                code, error.errorType(), promql, false, null);
    }

    private PrometheusException transportError(IOException e, String promql, int attempt) {
        if (e instanceof SSLException) {
            return new PrometheusException("TLS with Prometheus at " + address() + " failed: " + e.getMessage()
                    + "; trust its certificate with caFile (or, not recommended, insecureSkipVerify); query: "
                    + promql, -1, null, promql, false, e);
        }
        String what;
        if (e instanceof SocketTimeoutException) {
            what = "did not answer within " + PromQl.duration(transport.readTimeout()) + " (read timeout)";
        } else if (e instanceof ConnectException || e instanceof UnknownHostException) {
            what = "is unreachable: " + e.getMessage();
        } else if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return new PrometheusException("interrupted while querying Prometheus; query: " + promql, -1, null,
                    promql, false, e);
        } else if (e instanceof InterruptedIOException) {
            what = "did not complete the query within " + PromQl.duration(transport.callTimeout())
                    + " (call timeout)";
        } else {
            what = "failed: " + e;
        }
        return new PrometheusException("Prometheus at " + address() + " " + what + gaveUp(attempt) + "; query: "
                + promql, -1, null, promql, true, e);
    }

    private String gaveUp(int attempt) {
        return attempt >= transport.maxAttempts() && attempt > 1 ? " (gave up after " + attempt + " attempts)" : "";
    }

    private static String seconds(Instant time) {
        return time.getEpochSecond() + "." + String.format("%03d", time.getNano() / 1_000_000);
    }
}
