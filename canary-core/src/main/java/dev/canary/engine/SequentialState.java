package dev.canary.engine;

import dev.canary.engine.judge.CheckStatistics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The sequential judgement of a run: when its analysis started (counts are asked for from then on), when it began
 * holding at the ceiling for sequential checks to show no harm, and each sequential check's tests.
 *
 * @param since        the start of the analysis; counts cover the time from here to the tick
 * @param holdingSince when the run first held at the ceiling waiting for a sequential check, or {@code null}
 * @param checks       check name to its tests, in spec order
 */
public record SequentialState(Instant since, @Nullable Instant holdingSince, Map<String, CheckStatistics> checks) {

    public SequentialState {
        Objects.requireNonNull(since, "since == null");
        checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    /** A judgement that starts at {@code since} with no evidence. */
    public static SequentialState start(Instant since) {
        return new SequentialState(since, null, Map.of());
    }

    public SequentialState withCheck(String name, CheckStatistics statistics) {
        Map<String, CheckStatistics> next = new LinkedHashMap<>(checks);
        next.put(name, statistics);
        return new SequentialState(since, holdingSince, next);
    }

    public SequentialState holdingSince(@Nullable Instant at) {
        return new SequentialState(since, at, checks);
    }
}
