package dev.canary.prometheus;

import dev.canary.internal.http.HttpTls;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.Redaction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import okhttp3.Credentials;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** The settings behind {@link PrometheusMetricsProvider.Builder}: validates them all, then wires the provider. */
final class ProviderSettings {
    String address = PrometheusMetricsProvider.DEFAULT_ADDRESS;
    @Nullable String bearerToken;
    @Nullable String username;
    @Nullable String password;
    final Map<String, String> headers = new LinkedHashMap<>();
    @Nullable Path caFile;
    @Nullable X509TrustManager trustManager;
    boolean insecureSkipVerify;
    Duration connectTimeout = PrometheusMetricsProvider.DEFAULT_CONNECT_TIMEOUT;
    Duration readTimeout = PrometheusMetricsProvider.DEFAULT_READ_TIMEOUT;
    Duration queryTimeout = PrometheusMetricsProvider.DEFAULT_QUERY_TIMEOUT;
    @Nullable Duration callTimeout;
    int maxAttempts = PrometheusMetricsProvider.DEFAULT_MAX_ATTEMPTS;
    int maxConcurrentQueries = PrometheusMetricsProvider.DEFAULT_MAX_CONCURRENT_QUERIES;
    Duration initialBackoff = PrometheusMetricsProvider.DEFAULT_INITIAL_BACKOFF;
    double backoffMultiplier = PrometheusMetricsProvider.DEFAULT_BACKOFF_MULTIPLIER;
    Duration maxBackoff = PrometheusMetricsProvider.DEFAULT_MAX_BACKOFF;
    long maxResponseBytes = PrometheusMetricsProvider.DEFAULT_MAX_RESPONSE_BYTES;
    TraefikServiceNaming naming = TraefikServiceNaming.KUBERNETES_CRD;
    final List<MetricTemplate> templates = new ArrayList<>();
    @Nullable Executor executor;
    Clock clock = Clock.systemUTC();

    private final List<String> problems = new ArrayList<>();

    PrometheusMetricsProvider build() {
        problems.clear();
        HttpUrl base = url("address", address);
        Headers mainHeaders = headers(headers, true);
        checkSettings();
        OkHttpClient client = problems.isEmpty() ? client() : null;
        if (!problems.isEmpty() || client == null || base == null) {
            throw new IllegalArgumentException("invalid Prometheus provider settings: " + String.join("; ", problems));
        }
        Transport transport = new Transport(client, maxAttempts, initialBackoff, backoffMultiplier, maxBackoff,
                maxResponseBytes, queryTimeout);
        Endpoint main = new Endpoint(base, mainHeaders, redaction(), transport);
        Map<String, MetricTemplate> byKey = new HashMap<>();
        Map<String, Endpoint> endpoints = new HashMap<>();
        Transport insecure = null;
        for (MetricTemplate t : templates) {
            byKey.put(Templates.key(t), t);
            String templateAddress = t.provider().address();
            if (templateAddress == null) {
                continue;
            }
            if (t.provider().insecureSkipVerify() && insecure == null) {
                insecure = Templates.insecureTransport(client, transport, templateAddress);
            }
            endpoints.put(Templates.key(t), new Endpoint(HttpUrl.get(templateAddress),
                    headers(Templates.headers(t), false), redaction(), t.provider().insecureSkipVerify() ? insecure
                    : transport));
        }
        ExecutorService owned = executor == null ? Executors.newCachedThreadPool(daemonThreads()) : null;
        return new PrometheusMetricsProvider(main, new CheckPlanner(main, byKey, endpoints, naming),
                executor != null ? executor : owned, owned, client, clock,
                "PrometheusMetricsProvider" + describe());
    }

    /** The settings worth showing: never a credential. */
    private Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("address", address);
        shown.put("auth", bearerToken != null ? "bearer" : username != null ? "basic" : "none");
        shown.put("headers", headers.keySet().toString());
        shown.put("templates", Integer.toString(templates.size()));
        shown.put("traefikNaming", naming.setting());
        return shown;
    }

    private void checkSettings() {
        if (bearerToken != null && username != null) {
            problems.add("set either a bearer token or basic auth (username and password), not both");
        }
        bounded("connectTimeout", connectTimeout);
        bounded("readTimeout", readTimeout);
        if (callTimeout != null) {
            bounded("callTimeout", callTimeout);
        }
        if (queryTimeout.isNegative() || queryTimeout.getNano() % 1_000_000 != 0) {
            problems.add("queryTimeout must be zero (not sent) or a positive number of milliseconds but was "
                    + queryTimeout);
        }
        if (maxAttempts < 1) {
            problems.add("maxAttempts must be at least 1 but was " + maxAttempts);
        }
        if (maxConcurrentQueries < 1 || maxConcurrentQueries > 4096) {
            problems.add("maxConcurrentQueries must be between 1 and 4096 but was " + maxConcurrentQueries);
        }
        positive("initial backoff", initialBackoff);
        if (!(backoffMultiplier >= 1.0)) {
            problems.add("backoff multiplier must be at least 1 but was " + backoffMultiplier);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            problems.add("max backoff must be at least the initial backoff but was " + maxBackoff);
        }
        if (maxResponseBytes < 1024) {
            problems.add("maxResponseBytes must be at least 1024 but was " + maxResponseBytes);
        }
        if (caFile != null && trustManager != null) {
            problems.add("set either caFile or a trust manager, not both");
        }
        if (insecureSkipVerify && (caFile != null || trustManager != null)) {
            problems.add("insecureSkipVerify turns verification off; it cannot be combined with caFile or a "
                    + "trust manager");
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (MetricTemplate t : templates) {
            problems.addAll(Templates.problems(t));
            if (!keys.add(Templates.key(t))) {
                problems.add("metric template " + Templates.key(t) + " is registered twice");
            }
        }
    }

    private @Nullable HttpUrl url(String what, String value) {
        HttpUrl url = HttpUrl.parse(value);
        if (url == null) {
            problems.add(what + " must be an http:// or https:// URL but was '" + value + "'");
        } else if (!url.username().isEmpty() || !url.password().isEmpty()) {
            problems.add(what + " must not hold credentials; use the username and password settings");
        } else if (url.query() != null || url.fragment() != null) {
            problems.add(what + " must not have a query or fragment but was '" + value + "'");
        }
        return url;
    }

    private Headers headers(Map<String, String> extra, boolean withAuth) {
        Headers.Builder b = new Headers.Builder();
        if (withAuth && bearerToken != null) {
            b.add("Authorization", "Bearer " + bearerToken);
        } else if (withAuth && username != null && password != null) {
            b.add("Authorization", Credentials.basic(username, password));
        }
        extra.forEach((name, value) -> {
            if (withAuth && name.equalsIgnoreCase("Authorization") && (bearerToken != null || username != null)) {
                problems.add("header Authorization conflicts with the bearer token or basic auth");
                return;
            }
            try {
                b.add(name, value);
            } catch (IllegalArgumentException e) {
                problems.add("header '" + name + "' is not a valid HTTP header name or value");
            }
        });
        return b.build();
    }

    private Redaction redaction() {
        List<String> secrets = new ArrayList<>(headers.values());
        templates.forEach(t -> secrets.addAll(Templates.headers(t).values()));
        if (bearerToken != null) {
            secrets.add(bearerToken);
        }
        if (username != null && password != null) {
            secrets.add(password);
            secrets.add(Credentials.basic(username, password).substring("Basic ".length()));
        }
        return Redaction.of(secrets);
    }

    private @Nullable OkHttpClient client() {
        // asynchronous queries run on OkHttp's dispatcher: as many at once as maxConcurrentQueries, on one server too
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher(asyncThreads());
        dispatcher.setMaxRequests(maxConcurrentQueries);
        dispatcher.setMaxRequestsPerHost(maxConcurrentQueries);
        OkHttpClient.Builder b = new OkHttpClient.Builder().connectTimeout(connectTimeout).readTimeout(readTimeout)
                .writeTimeout(readTimeout).callTimeout(callTimeout()).dispatcher(dispatcher);
        try {
            if (insecureSkipVerify) {
                LoggerFactory.getLogger(PrometheusMetricsProvider.class).warn(
                        "TLS verification is off for Prometheus at {} (insecureSkipVerify)",
                        dev.canary.spec.Redaction.logged(address));
                HttpTls.trustEverything(b);
            } else if (caFile != null) {
                HttpTls.apply(b, HttpTls.fromPem(caFile));
            } else if (trustManager != null) {
                HttpTls.apply(b, trustManager);
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
        return b.build();
    }

    /** OkHttp's threads for asynchronous queries: daemons (they never keep a JVM alive), gone after 60 s idle. */
    private static java.util.concurrent.ExecutorService asyncThreads() {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 60,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "prometheus-query-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The deadline of one attempt: the one set, else connect plus read timeout. */
    Duration callTimeout() {
        return callTimeout != null ? callTimeout : connectTimeout.plus(readTimeout);
    }

    private void bounded(String what, Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(PrometheusMetricsProvider.MAX_TIMEOUT) > 0) {
            problems.add(what + " must be more than 0 and at most " + PromQl.duration(
                    PrometheusMetricsProvider.MAX_TIMEOUT) + " but was " + d);
        }
    }

    private void positive(String what, Duration d) {
        if (d.isNegative() || d.isZero()) {
            problems.add(what + " must be positive but was " + d);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "canary-prometheus-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
