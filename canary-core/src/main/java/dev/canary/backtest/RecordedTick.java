package dev.canary.backtest;

import dev.canary.spec.MetricResult;
import dev.canary.spec.Routes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a history holds for one past tick time: every check's result as a live run would have had it then, and
 * the weights the router really had (derived from the requests each service served just before).
 *
 * @param at      the tick time
 * @param metrics check name to result, for every metric check of the spec
 * @param routes  the router's weights then, or {@code null} when the history cannot tell (no traffic at all)
 */
public record RecordedTick(Instant at, Map<String, MetricResult> metrics, @Nullable Routes routes) {
    public RecordedTick {
        Objects.requireNonNull(at, "at == null");
        metrics = Map.copyOf(metrics);
    }
}
