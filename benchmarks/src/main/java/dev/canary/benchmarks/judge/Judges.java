package dev.canary.benchmarks.judge;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.SequentialSpec;
import dev.canary.spec.ServiceSpec;
import java.time.Duration;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** The two judges of the benchmark, as specs: the seed configuration, with Flagger's rule or sequential checks. */
enum Judges {
    /** The seed configuration as is: success rate >= 99 % and p99 <= 500 ms over 1m, threshold 10. */
    THRESHOLD((c, watch) -> c),
    /**
     * The same checks judged sequentially against the SLO and the primary, with the defaults (and, when given, a
     * watch between ticks).
     */
    SEQUENTIAL((c, watch) -> c.toBuilder().sequential(SequentialSpec.builder().watch(watch).build()).build());

    private final BiFunction<MetricCheck, @Nullable Duration, MetricCheck> check;

    Judges(BiFunction<MetricCheck, @Nullable Duration, MetricCheck> check) {
        this.check = check;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The seed spec (interval 10s, threshold 10, stepWeight 5, maxWeight 50) with this judge's checks. */
    CanarySpec spec() {
        return spec(null);
    }

    /** {@link #spec()}, its sequential checks watching every {@code watch} between ticks (null: only at ticks). */
    CanarySpec spec(@Nullable Duration watch) {
        return CanarySpec.builder("podinfo").namespace("demo-canary").service(ServiceSpec.of("podinfo", 80))
                .progressDeadline(Duration.ofSeconds(60))
                .analysis(AnalysisSpec.builder().interval(Duration.ofSeconds(10)).threshold(10).maxWeight(50)
                        .stepWeight(5)
                        .metrics(check.apply(MetricCheck.successRate(99), watch),
                                check.apply(MetricCheck.p99LatencyMillis(500), watch))
                        .build())
                .build();
    }
}
