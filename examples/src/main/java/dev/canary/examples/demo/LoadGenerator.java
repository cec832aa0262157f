package dev.canary.examples.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends GET requests to one URI at a steady rate, with at most {@code concurrency} in flight (a request due while
 * all are busy is skipped, not queued), until it has sent {@code requestLimit} requests, {@code timeLimit} has
 * passed, or it is closed, whichever comes first. Counts what came back. Thread-safe.
 */
public final class LoadGenerator implements AutoCloseable {
    private final URI target;
    private final int ratePerSecond;
    private final int concurrency;
    private final Duration timeLimit;
    private final long requestLimit;
    private final ScheduledExecutorService ticker;
    private final ExecutorService io;
    private final HttpClient client;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile long deadline;
    private volatile boolean started;

    /**
     * @param ratePerSecond requests per second, 1 to 10000
     * @param concurrency   requests in flight at most, at least 1
     * @param timeLimit     how long it sends at most
     * @param requestLimit  how many requests it sends at most, at least 1
     */
    public LoadGenerator(URI target, int ratePerSecond, int concurrency, Duration timeLimit, long requestLimit) {
        this.target = Objects.requireNonNull(target, "target == null");
        this.timeLimit = Objects.requireNonNull(timeLimit, "timeLimit == null");
        if (ratePerSecond < 1 || ratePerSecond > 10_000) {
            throw new IllegalArgumentException("ratePerSecond must be between 1 and 10000 but was " + ratePerSecond);
        }
        if (concurrency < 1 || requestLimit < 1 || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("concurrency and requestLimit must be at least 1 and timeLimit positive"
                    + " but were " + concurrency + ", " + requestLimit + ", " + timeLimit);
        }
        this.ratePerSecond = ratePerSecond;
        this.concurrency = concurrency;
        this.requestLimit = requestLimit;
        this.ticker = Executors.newSingleThreadScheduledExecutor(Threads.daemon("demo-load"));
        this.io = Executors.newFixedThreadPool(Math.min(concurrency, 8), Threads.daemon("demo-load-io"));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Starts sending; returns at once. */
    public LoadGenerator start() {
        deadline = System.nanoTime() + timeLimit.toNanos();
        started = true;
        long period = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        ticker.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
        return this;
    }

    private void tick() {
        if (sent.get() >= requestLimit || System.nanoTime() - deadline >= 0) {
            ticker.shutdown();
            return;
        }
        if (inFlight.incrementAndGet() > concurrency) {
            inFlight.decrementAndGet();
            skipped.incrementAndGet();
            return;
        }
        sent.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).GET().build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                failures.incrementAndGet();
            } else if (response.statusCode() >= 500) {
                serverErrors.incrementAndGet();
            }
            completed.incrementAndGet();
            inFlight.decrementAndGet();
        });
    }

    /** Requests sent so far. */
    public long sent() {
        return sent.get();
    }

    /** Requests answered or failed so far. */
    public long completed() {
        return completed.get();
    }

    /** Requests answered with a 5xx status. */
    public long serverErrors() {
        return serverErrors.get();
    }

    /** Requests that got no answer (connection refused, timeout). */
    public long failures() {
        return failures.get();
    }

    /** Requests not sent because {@code concurrency} requests were already in flight. */
    public long skipped() {
        return skipped.get();
    }

    /** Whether it still sends (started, and no limit reached, and not closed). */
    public boolean isRunning() {
        return started && !ticker.isShutdown();
    }

    /** Stops sending; requests in flight are abandoned. */
    @Override
    public void close() {
        ticker.shutdownNow();
        io.shutdownNow();
    }

    @Override
    public String toString() {
        return "LoadGenerator[" + target + ", " + ratePerSecond + "/s, concurrency " + concurrency + ", sent "
                + sent() + "]";
    }
}
