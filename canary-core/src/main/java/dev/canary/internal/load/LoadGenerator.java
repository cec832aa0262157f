package dev.canary.internal.load;

import dev.canary.LoadTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Runs one {@link LoadTest} with OkHttp on its own daemon worker threads: requests are paced on a shared
 * schedule ({@code k / rate} seconds after the start for the k-th request), each worker waits for its response
 * before taking the next slot (like hey), and the run stops at the duration, after {@code maxRequests}, or on
 * {@link #stop()}. Outcomes are counted by status class. Thread-safe.
 */
public final class LoadGenerator {
    private final LoadTest test;
    private final OkHttpClient client;
    private final ExecutorService workers;
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicInteger active;
    private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
            new LongAdder()};
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder otherErrors = new LongAdder();
    private final long startNanos;
    private volatile boolean stopped;

    private LoadGenerator(LoadTest test, OkHttpClient base, String threadName) {
        this.test = test;
        this.client = base.newBuilder().callTimeout(test.requestTimeout()).dispatcher(new Dispatcher())
                .connectionPool(new ConnectionPool(test.concurrency(), 30, TimeUnit.SECONDS))
                .followRedirects(false).build();
        AtomicInteger index = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(test.concurrency(), r -> {
            Thread t = new Thread(r, threadName + "-" + index.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.active = new AtomicInteger(test.concurrency());
        this.startNanos = System.nanoTime();
    }

    /** Starts sending at once; {@code threadName} prefixes the worker threads' names. */
    public static LoadGenerator start(LoadTest test, OkHttpClient base, String threadName) {
        LoadGenerator generator = new LoadGenerator(test, base, threadName);
        for (int i = 0; i < test.concurrency(); i++) {
            generator.workers.execute(generator::work);
        }
        generator.workers.shutdown();
        return generator;
    }

    public LoadTest test() {
        return test;
    }

    /** Whether a worker is still sending. */
    public boolean isRunning() {
        return active.get() > 0;
    }

    /** The totals so far. */
    public LoadReport report() {
        long[] classes = new long[5];
        long responses = 0;
        for (int i = 0; i < 5; i++) {
            classes[i] = byClass[i].sum();
            responses += classes[i];
        }
        long failures = connectFailures.sum() + timeouts.sum() + otherErrors.sum();
        return new LoadReport(responses + failures, classes, connectFailures.sum(), timeouts.sum(),
                otherErrors.sum());
    }

    /** Stops sending: in-flight requests are cancelled and not counted. */
    public void stop() {
        stopped = true;
        workers.shutdownNow();
        client.dispatcher().cancelAll();
        client.connectionPool().evictAll();
    }

    /** Waits up to {@code timeout} for the workers to end; whether they did. */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void work() {
        try {
            long end = startNanos + test.duration().toNanos();
            while (!stopped) {
                long k = tickets.getAndIncrement();
                if (test.maxRequests() > 0 && k >= test.maxRequests()) {
                    return;
                }
                long due = startNanos + (test.ratePerSecond() > 0 ? (long) (k * 1e9 / test.ratePerSecond()) : 0);
                if (due >= end) {
                    return;
                }
                for (long wait = due - System.nanoTime(); wait > 0 && !stopped; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (stopped || System.nanoTime() >= end) {
                    return;
                }
                send();
            }
        } finally {
            active.decrementAndGet();
            if (!isRunning()) {
                client.connectionPool().evictAll();
            }
        }
    }

    private void send() {
        RequestBody body = test.body().isEmpty() ? null : RequestBody.create(test.body(), (MediaType) null);
        Request.Builder request = new Request.Builder().url(test.url().toString()).method(test.method(),
                body == null && requiresBody(test.method()) ? RequestBody.create(new byte[0]) : body);
        test.headers().forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            response.body().byteStream().transferTo(OutputStream.nullOutputStream());
            int statusClass = response.code() / 100;
            byClass[Math.max(1, Math.min(5, statusClass)) - 1].increment();
        } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
            count(connectFailures);
        } catch (InterruptedIOException e) {
            count(timeouts);
        } catch (IOException e) {
            count(otherErrors);
        } catch (Exception e) {
            // OkHttp may throw InterruptedException undeclared when stop() interrupts a connect
            count(otherErrors);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void count(LongAdder failures) {
        if (!stopped) {
            failures.increment();
        }
    }

    private static boolean requiresBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
