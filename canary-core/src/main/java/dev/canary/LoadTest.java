package dev.canary;

import dev.canary.internal.load.HeyCommand;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the built-in load generator sends: requests to {@code url} at {@code ratePerSecond} (in total, 0 = as fast
 * as the workers go) from {@code concurrency} workers for {@code duration}, stopping early after
 * {@code maxRequests} (0 = no limit). Bounded: at most {@value #MAX_CONCURRENCY} workers,
 * {@value #MAX_RATE} requests per second and {@link #MAX_DURATION}.
 *
 * <p>Run it as a rollout hook with {@link CanaryRun.Builder#loadTest(String, LoadTest)}, or let a Flagger
 * manifest's {@code cmd: "hey ..."} webhook build one ({@link #fromHey(String)}).
 *
 * @param url            the target, http or https
 * @param method         the HTTP method, default {@code GET}
 * @param headers        request headers
 * @param body           the request body, empty for none (needs POST, PUT, PATCH or DELETE)
 * @param ratePerSecond  requests per second over all workers; 0 for no limit
 * @param concurrency    workers sending requests in parallel, default 1
 * @param duration       how long to send, default 1 minute
 * @param maxRequests    requests after which to stop early; 0 for no limit
 * @param requestTimeout per request, default {@link #DEFAULT_REQUEST_TIMEOUT}
 */
public record LoadTest(URI url, String method, Map<String, String> headers, String body, double ratePerSecond,
        int concurrency, Duration duration, long maxRequests, Duration requestTimeout) {

    public static final int MAX_CONCURRENCY = 100;
    public static final int MAX_RATE = 1000;
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** @throws IllegalArgumentException listing every invalid setting */
    public LoadTest {
        Objects.requireNonNull(url, "url == null");
        Objects.requireNonNull(duration, "duration == null");
        Objects.requireNonNull(requestTimeout, "requestTimeout == null");
        method = Objects.requireNonNull(method, "method == null").toUpperCase(Locale.ROOT);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body == null");
        List<String> problems = new ArrayList<>();
        String urlProblem = dev.canary.spec.HttpUrls.problem(url);
        if (urlProblem != null) {
            problems.add("url " + urlProblem + " but was " + dev.canary.spec.Redaction.url(url));
        }
        if (!METHODS.contains(method)) {
            problems.add("method must be one of " + METHODS + " but was " + method);
        } else if (!body.isEmpty() && !BODY_METHODS.contains(method)) {
            problems.add("a body needs method POST, PUT, PATCH or DELETE but method was " + method);
        }
        if (!(ratePerSecond >= 0 && ratePerSecond <= MAX_RATE)) {
            problems.add("ratePerSecond must be between 0 and " + MAX_RATE + " but was " + ratePerSecond);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            problems.add("concurrency must be between 1 and " + MAX_CONCURRENCY + " but was " + concurrency);
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            problems.add("duration must be more than 0 and at most " + MAX_DURATION + " but was " + duration);
        }
        if (maxRequests < 0) {
            problems.add("maxRequests must be 0 (no limit) or more but was " + maxRequests);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            problems.add("requestTimeout must be more than 0 but was " + requestTimeout);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid load test: " + String.join("; ", problems));
        }
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /**
     * The load test a {@code hey} command line describes: {@code -z} duration, {@code -q} rate per worker,
     * {@code -c} workers, {@code -n} requests, {@code -m} method, {@code -H} header (repeatable), {@code -d}
     * body, {@code -T} content type, {@code -t} timeout in seconds, and the URL; hey's defaults otherwise.
     *
     * @throws IllegalArgumentException naming the unsupported flag or the invalid value
     */
    public static LoadTest fromHey(String commandLine) {
        return HeyCommand.parse(commandLine);
    }

    /** Configures a {@link LoadTest}; defaults as documented on the record. Not thread-safe. */
    public static final class Builder {
        private final URI url;
        private String method = "GET";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body = "";
        private double ratePerSecond;
        private int concurrency = 1;
        private Duration duration = Duration.ofMinutes(1);
        private long maxRequests;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder(URI url) {
            this.url = Objects.requireNonNull(url, "url == null");
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder ratePerSecond(double ratePerSecond) {
            this.ratePerSecond = ratePerSecond;
            return this;
        }

        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder maxRequests(long maxRequests) {
            this.maxRequests = maxRequests;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public LoadTest build() {
            return new LoadTest(url, method, headers, body, ratePerSecond, concurrency, duration, maxRequests,
                    requestTimeout);
        }
    }
}
