package dev.canary.examples.demo;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link MetricsProvider} that measures the builtin checks from the traffic that really went through the demo
 * proxy: {@code request-success-rate} (percent of requests not answered 5xx) and {@code request-duration} (p99
 * latency in milliseconds, nearest rank), over the check's interval ending now by the injected clock. The canary's
 * figures include mirrored copies. Samples are the number of requests; a window without requests is
 * {@link MetricResult.NoData}; other checks, and a stopped proxy, give {@link MetricResult.Failed}. Thread-safe.
 */
public final class DemoMetricsProvider implements MetricsProvider {
    private final TrafficLog log;
    private final Clock clock;

    public DemoMetricsProvider(TrafficLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public MetricResult query(MetricQuery query) {
        MetricCheck check = query.check();
        Upstream upstream = query.subject() == MetricQuery.Subject.PRIMARY ? Upstream.PRIMARY : Upstream.CANARY;
        String source = check.name() + " of the " + upstream.name().toLowerCase(Locale.ROOT) + " over the last "
                + check.interval().toMillis() + " ms at the demo proxy";
        if (!check.isBuiltin()) {
            return new MetricResult.Failed("the demo metrics provider answers only the builtin checks "
                    + MetricCheck.REQUEST_SUCCESS_RATE + " and " + MetricCheck.REQUEST_DURATION + ", not '"
                    + check.name() + "' with a query or template", source);
        }
        if (!log.isOpen()) {
            return new MetricResult.Failed("the demo proxy is stopped: there is no traffic to measure", source);
        }
        Instant now = clock.instant();
        List<ProxiedRequest> requests = log.between(upstream, now.minus(check.interval()), now);
        if (requests.isEmpty()) {
            return new MetricResult.NoData("no request reached the " + upstream.name().toLowerCase(Locale.ROOT)
                    + " in the window", source);
        }
        double value = MetricCheck.REQUEST_SUCCESS_RATE.equals(check.name()) ? successRate(requests)
                : p99Millis(requests);
        return new MetricResult.Value(value, requests.size(), source);
    }

    static double successRate(List<ProxiedRequest> requests) {
        long ok = requests.stream().filter(r -> !r.isServerError()).count();
        return 100.0 * ok / requests.size();
    }

    /** The 99th percentile by nearest rank: the smallest latency that at least 99 % of requests do not exceed. */
    static double p99Millis(List<ProxiedRequest> requests) {
        double[] millis = requests.stream().mapToDouble(r -> r.latency().toNanos() / 1e6).sorted().toArray();
        int rank = (int) Math.ceil(0.99 * millis.length);
        return millis[Math.max(0, rank - 1)];
    }

    @Override
    public String toString() {
        return "DemoMetricsProvider";
    }
}
