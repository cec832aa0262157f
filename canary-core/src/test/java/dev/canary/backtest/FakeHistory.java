package dev.canary.backtest;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Routes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A history in memory: each check's result and the router's weights as functions of the tick time. */
final class FakeHistory implements History {
    private final BiFunction<MetricCheck, Instant, MetricResult> metrics;
    private final Function<Instant, @Nullable Routes> routes;
    final List<Release> asked = new ArrayList<>();

    FakeHistory(BiFunction<MetricCheck, Instant, MetricResult> metrics, Function<Instant, @Nullable Routes> routes) {
        this.metrics = metrics;
        this.routes = routes;
    }

    /** Every check passes: success rate 99.9 %, p99 120 ms, 1000 requests; routes unknown. */
    static FakeHistory healthy() {
        return new FakeHistory((check, t) -> value(check, 99.9, 120), t -> null);
    }

    static MetricResult value(MetricCheck check, double successRate, double p99) {
        return new MetricResult.Value(MetricCheck.REQUEST_SUCCESS_RATE.equals(check.name()) ? successRate : p99,
                1000, "recorded " + check.name());
    }

    @Override
    public List<RecordedTick> record(CanarySpec spec, Release release, List<Instant> ticks) {
        asked.add(release);
        List<RecordedTick> out = new ArrayList<>();
        for (Instant t : ticks) {
            Map<String, MetricResult> m = new HashMap<>();
            spec.analysis().metrics().forEach(c -> m.put(c.name(), metrics.apply(c, t)));
            out.add(new RecordedTick(t, m, routes.apply(t)));
        }
        return out;
    }
}
