package dev.canary.prometheus;

import dev.canary.spec.MetricResult;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.Redaction;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetricsProvider} that asks a Prometheus server over its HTTP API.
 *
 * <p>It answers the builtin checks {@code request-success-rate} and {@code request-duration} from Traefik's
 * metrics (see {@link TraefikQueries}), inline {@code query} checks, and {@code templateRef} checks against the
 * registered {@link MetricTemplate}s. An empty result is {@link MetricResult.NoData}; NaN is a
 * {@link MetricResult.Value} of NaN; several series, a rejected query (HTTP 400/422) or an unavailable server
 * (after retrying 5xx, timeouts and refused connections) are {@link MetricResult.Failed} with a message that
 * quotes Prometheus and the query. {@link #query} never throws for a backend problem.
 *
 * <pre>{@code
 * PrometheusMetricsProvider prometheus = PrometheusMetricsProvider.builder()
 *     .address("https://prometheus.monitoring:9090")
 *     .bearerToken(System.getenv("PROMETHEUS_TOKEN"))
 *     .build();
 * MetricResult rate = prometheus.query(MetricQuery.canary(spec, MetricCheck.successRate(99)));
 * }</pre>
 *
 * <p>Thread-safe: {@link #query} and {@link #queryAll} may be called from many threads at once. Close it to
 * release its connections and, when no executor was given, its query threads.
 */
public final class PrometheusMetricsProvider implements MetricsProvider {
    /** Flagger's default Prometheus address. */
    public static final String DEFAULT_ADDRESS = "http://prometheus:9090";
    /** TCP connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** HTTP read timeout of one attempt. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** The longest connect, read or call timeout accepted. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    /** The {@code timeout} parameter sent with every query; shorter than the read timeout so Prometheus says why. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);
    /** Attempts per query, the first included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Wait before the second attempt. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** Each further wait is the previous one times this. */
    public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;
    /** The longest wait between attempts. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);
    /** Asynchronous queries in flight at once ({@link Builder#maxConcurrentQueries}). */
    public static final int DEFAULT_MAX_CONCURRENT_QUERIES = 64;
    /** Responses above this size are refused rather than parsed. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
    /** Prometheus refuses range queries with more points per series. */
    public static final long MAX_RANGE_POINTS = 11_000;

    private static final Logger logger = LoggerFactory.getLogger(PrometheusMetricsProvider.class);

    private final Endpoint endpoint;
    private final CheckPlanner planner;
    private final Executor executor;
    private final @Nullable ExecutorService ownedExecutor;
    private final OkHttpClient client;
    private final Clock clock;
    private final String description;

    PrometheusMetricsProvider(Endpoint endpoint, CheckPlanner planner, Executor executor,
            @Nullable ExecutorService ownedExecutor, OkHttpClient client, Clock clock, String description) {
        this.endpoint = endpoint;
        this.planner = planner;
        this.executor = executor;
        this.ownedExecutor = ownedExecutor;
        this.client = client;
        this.clock = clock;
        this.description = description;
    }

    /** A builder with every setting at its {@code DEFAULT_*} value. */
    public static Builder builder() {
        return new Builder();
    }

    /** Evaluates one check at the clock's current time. Never throws for backend problems. */
    @Override
    public MetricResult query(MetricQuery query) {
        return queryAll(List.of(query)).get(0);
    }

    /**
     * Evaluates one check without holding a thread of the caller or of {@code blocking}: the queries go out as
     * OkHttp asynchronous calls (the client's dispatcher runs at most {@link Builder#maxConcurrentQueries} at once)
     * and the answer is mapped when they come back, as {@link #query} maps it. Never fails for backend problems.
     */
    @Override
    public CompletionStage<MetricResult> queryAsync(MetricQuery query, Executor blocking) {
        Instant now = clock.instant();
        CheckPlan plan = planner.plan(query);
        List<String> queries = plan.queries();
        if (queries.isEmpty()) {
            return CompletableFuture.completedFuture(logged(ResultMapper.map(plan, null, null)));
        }
        List<CompletableFuture<Answer>> answers = new ArrayList<>(queries.size());
        for (String promql : queries) {
            answers.add(Answer.async(plan.endpoint(), promql, now));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ignored -> logged(
                ResultMapper.map(plan, answers.get(0).join(), answers.size() > 1 ? answers.get(1).join() : null)));
    }

    /**
     * Evaluates several checks at one instant, sending all their queries concurrently (one round trip of wall
     * time), on the executor given to the builder with the calling thread taking part.
     *
     * @return one result per query, in the same order
     */
    public List<MetricResult> queryAll(List<MetricQuery> queries) {
        Instant now = clock.instant();
        List<CheckPlan> plans = queries.stream().map(planner::plan).toList();
        List<Supplier<Answer>> tasks = new ArrayList<>();
        for (CheckPlan plan : plans) {
            for (String promql : plan.queries()) {
                tasks.add(() -> Answer.of(plan.endpoint(), promql, now));
            }
        }
        List<Answer> answers;
        try {
            answers = Fanout.all(tasks, executor);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return plans.stream().<MetricResult>map(p -> new MetricResult.Failed("interrupted while querying "
                    + "Prometheus", p.valueQuery())).toList();
        }
        Iterator<Answer> it = answers.iterator();
        List<MetricResult> results = new ArrayList<>(plans.size());
        for (CheckPlan plan : plans) {
            int n = plan.queries().size();
            Answer value = n > 0 ? it.next() : null;
            Answer samples = n > 1 ? it.next() : null;
            results.add(logged(ResultMapper.map(plan, value, samples)));
        }
        return results;
    }

    /**
     * The counts behind a check over {@code window} ending now. For the builtin checks: requests, failed (5xx)
     * requests and, for {@code request-duration} (or a check with a sequential {@code latencyBound}), the latency
     * buckets of the subject's Traefik service, each an {@code increase(...)} over the window. For a check with a
     * metric template: the template's count queries ({@link dev.canary.spec.MetricTemplate.Counts}), rendered with
     * {@code {{ window }}}, the buckets when the template names them. They go out as one query (each part tagged
     * with the label {@code canary_count} and joined with {@code or}), so every count comes from the same scrapes;
     * when Prometheus rejects that query (a template count query that is a scalar, say), they go out one by one.
     * Never throws for backend problems.
     */
    @Override
    public MetricResult counts(MetricQuery query, Duration window) {
        return logged(CountQueries.counts(planner.countPlan(query, window), query.check().name(), window,
                clock.instant()));
    }

    /**
     * The same counts as {@link #counts}, without holding a thread of the caller or of {@code blocking}: the count
     * query goes out as an OkHttp asynchronous call, as {@link #queryAsync}'s do. Never fails for backend problems.
     */
    @Override
    public CompletionStage<MetricResult> countsAsync(MetricQuery query, Duration window, Executor blocking) {
        return CountQueries.countsAsync(planner.countPlan(query, window), query.check().name(), window,
                clock.instant()).thenApply(PrometheusMetricsProvider::logged);
    }

    /**
     * The PromQL that {@link #query} sends for this check: the value query and, for builtin checks, the
     * request-count query behind {@code samples}.
     *
     * @throws IllegalArgumentException when no query can be built (unknown template, missing variable...)
     */
    public List<String> queriesFor(MetricQuery query) {
        CheckPlan plan = planner.plan(query);
        if (plan.problem() != null) {
            throw new IllegalArgumentException(plan.problem());
        }
        return plan.queries();
    }

    /**
     * Runs an instant query ({@code /api/v1/query}) at {@code time}.
     *
     * @throws PrometheusException when Prometheus rejects the query or stays unavailable after the retries
     */
    public QueryResult queryInstant(String promql, Instant time) {
        return endpoint.instant(promql, time);
    }

    /**
     * Runs a range query ({@code /api/v1/query_range}) from {@code start} to {@code end} (inclusive) every
     * {@code step}, as backtesting needs.
     *
     * @throws IllegalArgumentException when {@code end} is before {@code start}, {@code step} is not positive, or
     *                                  the range has more than {@value #MAX_RANGE_POINTS} points
     * @throws PrometheusException      when Prometheus rejects the query or stays unavailable after the retries
     */
    public QueryResult.Matrix queryRange(String promql, Instant start, Instant end, Duration step) {
        QueryResult result = endpoint.range(promql, start, end, step);
        if (result instanceof QueryResult.Matrix matrix) {
            return matrix;
        }
        throw new PrometheusException("a range query returned " + result.getClass().getSimpleName()
                + " instead of a matrix; query: " + promql, 200, null, promql, false, null);
    }

    /** Turns checks into PromQL, for {@link PrometheusHistory}. */
    CheckPlanner planner() {
        return planner;
    }

    /** Releases pooled connections and, when the provider created it, the query thread pool. */
    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
        client.connectionPool().evictAll();
    }

    /** The address and which settings are in use; never the credentials. */
    @Override
    public String toString() {
        return description;
    }

    private static MetricResult logged(MetricResult result) {
        if (result instanceof MetricResult.Failed failed) {
            logger.debug("Prometheus check failed: {}", Redaction.logged(failed.message()));
        } else if (result.source().contains(" [Prometheus warnings: ")) {
            logger.warn("Prometheus answered with warnings: {}", Redaction.logged(result.source()));
        }
        return result;
    }

    /**
     * Configures a {@link PrometheusMetricsProvider}; every setting starts at its {@code DEFAULT_*} value.
     * {@link #build()} checks them all and reports every problem at once. Not thread-safe.
     */
    public static final class Builder {
        final ProviderSettings settings = new ProviderSettings();

        private Builder() {
        }

        /** The Prometheus base URL, such as {@code http://prometheus:9090} (a path prefix is kept). */
        public Builder address(String address) {
            settings.address = address;
            return this;
        }

        /** Sends {@code Authorization: Bearer <token>}. */
        public Builder bearerToken(String token) {
            settings.bearerToken = token;
            return this;
        }

        /** Sends HTTP basic authentication. */
        public Builder basicAuth(String username, String password) {
            settings.username = username;
            settings.password = password;
            return this;
        }

        /** Adds a header sent with every query (such as {@code X-Scope-OrgID}); its value is treated as secret. */
        public Builder header(String name, String value) {
            settings.headers.put(name, value);
            return this;
        }

        /** Trusts exactly the PEM certificates in {@code file} instead of the JDK's trust store. */
        public Builder caFile(Path file) {
            settings.caFile = file;
            return this;
        }

        /** Trusts what {@code trustManager} trusts instead of the JDK's trust store. */
        public Builder trustManager(X509TrustManager trustManager) {
            settings.trustManager = trustManager;
            return this;
        }

        /** Turns TLS certificate and host name verification off. Default false; not for production. */
        public Builder insecureSkipVerify(boolean insecureSkipVerify) {
            settings.insecureSkipVerify = insecureSkipVerify;
            return this;
        }

        /** Default {@link #DEFAULT_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration timeout) {
            settings.connectTimeout = timeout;
            return this;
        }

        /** HTTP read timeout of one attempt. Default {@link #DEFAULT_READ_TIMEOUT}. */
        public Builder readTimeout(Duration timeout) {
            settings.readTimeout = timeout;
            return this;
        }

        /**
         * The deadline of one whole attempt: connecting, sending, waiting and reading the body (a response
         * dribbled byte by byte ends here, whatever the read timeout). Default: connect timeout plus read timeout.
         */
        public Builder callTimeout(Duration timeout) {
            settings.callTimeout = timeout;
            return this;
        }

        /** The {@code timeout} query parameter; {@link Duration#ZERO} sends none. Default 5 s. */
        public Builder queryTimeout(Duration timeout) {
            settings.queryTimeout = timeout;
            return this;
        }

        /** Attempts per query for 5xx, timeouts and connection failures; 1 turns retries off. */
        public Builder maxAttempts(int maxAttempts) {
            settings.maxAttempts = maxAttempts;
            return this;
        }

        /** Exponential backoff: {@code initial}, times {@code multiplier} after each attempt, at most {@code max}. */
        public Builder backoff(Duration initial, double multiplier, Duration max) {
            settings.initialBackoff = initial;
            settings.backoffMultiplier = multiplier;
            settings.maxBackoff = max;
            return this;
        }

        /** Default {@link #DEFAULT_MAX_RESPONSE_BYTES}. */
        public Builder maxResponseBytes(long maxResponseBytes) {
            settings.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** How Traefik names the canary and primary services. Default {@link TraefikServiceNaming#KUBERNETES_CRD}. */
        public Builder traefikNaming(TraefikServiceNaming naming) {
            settings.naming = naming;
            return this;
        }

        /**
         * Registers a metric template that checks refer to by {@code templateRef}: a {@code prometheus} template
         * ({@link MetricTemplate#prometheus}), queried on its own {@code address} with its headers when it has one.
         * {@link #build()} refuses templates of other types and with a {@code secretRef}.
         */
        public Builder template(MetricTemplate template) {
            settings.templates.add(template);
            return this;
        }

        /** Registers several metric templates, such as those of a manifest: {@code manifest.metricTemplates()}. */
        public Builder templates(Collection<MetricTemplate> templates) {
            settings.templates.addAll(templates);
            return this;
        }

        /**
         * Runs the concurrent queries of {@link #queryAll} and of builtin checks. Default: a pool of daemon
         * threads the provider creates and shuts down on {@link #close()}.
         */
        public Builder executor(Executor executor) {
            settings.executor = executor;
            return this;
        }

        /**
         * The most queries {@link #queryAsync} has in flight at once, to any one server and in all (more wait in
         * OkHttp's queue; the runner's deadline still bounds them). Default
         * {@value PrometheusMetricsProvider#DEFAULT_MAX_CONCURRENT_QUERIES}.
         */
        public Builder maxConcurrentQueries(int maxConcurrentQueries) {
            settings.maxConcurrentQueries = maxConcurrentQueries;
            return this;
        }

        /** The clock that sets each query's evaluation time. Default the system UTC clock. */
        public Builder clock(Clock clock) {
            settings.clock = clock;
            return this;
        }

        /**
         * @throws IllegalArgumentException listing every invalid setting
         */
        public PrometheusMetricsProvider build() {
            return settings.build();
        }
    }
}
