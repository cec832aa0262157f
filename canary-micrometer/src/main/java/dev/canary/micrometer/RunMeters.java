package dev.canary.micrometer;

import dev.canary.CanaryEvent;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.Phase;
import dev.canary.RunStatus;
import dev.canary.spec.Verdict;
import dev.canary.spec.CanarySpec;
import dev.canary.CanaryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Publishes one run's events as meters. Thread-safe (events of one run arrive in order). */
final class RunMeters implements CanaryListener {
    /** Prometheus' default histogram buckets, which Flagger's duration histogram uses. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final CanaryMetrics metrics;
    private final CanarySpec spec;
    private final String name;
    private final String namespace;
    private final Timer duration;
    private final Timer lateness;
    private @Nullable Instant lastTick;
    private boolean ended;

    RunMeters(CanaryMetrics metrics, CanarySpec spec) {
        this.metrics = metrics;
        this.spec = spec;
        this.name = spec.targetRef().name();
        this.namespace = spec.namespace();
        this.duration = Timer.builder("flagger.canary.duration").description("duration of canary ticks")
                .tags("name", name, "namespace", namespace).serviceLevelObjectives(BUCKETS)
                .register(metrics.registry());
        this.lateness = Timer.builder("canary.tick.lateness")
                .description("how much later than the analysis interval each tick came")
                .tags("name", name, "namespace", namespace).register(metrics.registry());
    }

    @Override
    public synchronized void onEvent(CanaryEvent event) {
        if (event instanceof CanaryEvent.Ticked ticked) {
            ticked(ticked.status());
        } else if (event instanceof CanaryEvent.RolledBack) {
            Counter.builder("canary.rollbacks").description("runs rolled back")
                    .tags("name", name, "namespace", namespace).register(metrics.registry()).increment();
        } else if (event instanceof CanaryEvent.CheckEvaluated checked) {
            CheckEvaluation evaluation = checked.evaluation();
            if (evaluation.value() != null) {
                metrics.gauge("flagger.canary.metric.analysis", analysisValue(evaluation), "name", name,
                        "namespace", namespace, "metric", evaluation.name());
            }
            if (evaluation.verdict() == Verdict.FAIL) {
                Counter.builder("canary.failed.checks").description("check evaluations that failed")
                        .tags("name", name, "namespace", namespace, "metric", evaluation.name())
                        .register(metrics.registry()).increment();
            }
        }
    }

    /**
     * The value Flagger's gauge shows: the builtin request-duration in seconds (the check judges milliseconds),
     * every other check as judged.
     */
    private double analysisValue(CheckEvaluation evaluation) {
        double value = evaluation.value();
        boolean durationInMillis = MetricCheck.REQUEST_DURATION.equals(evaluation.name())
                && spec.analysis().metrics().stream()
                        .anyMatch(c -> c.isBuiltin() && c.name().equals(evaluation.name()));
        return durationInMillis ? value / 1000 : value;
    }

    private void ticked(RunStatus status) {
        Duration took = Duration.between(status.at(), metrics.clock().instant());
        duration.record(took.isNegative() ? Duration.ZERO : took);
        if (lastTick != null) {
            Duration late = Duration.between(lastTick, status.at()).minus(spec.analysis().interval());
            lateness.record(late.isNegative() ? Duration.ZERO : late);
        }
        lastTick = status.at();
        metrics.gauge("flagger.canary.status", statusValue(status.phase()), "name", name, "namespace", namespace);
        metrics.gauge("flagger.canary.weight", status.canaryWeight(), "workload", name, "namespace", namespace);
        metrics.gauge("flagger.canary.weight", 100 - status.canaryWeight(), "workload", name + "-primary",
                "namespace", namespace);
        if (!ended && status.phase().isTerminal() && status.rollbackPending() == null) {
            ended = true;
            Counter.builder(status.phase() == Phase.SUCCEEDED ? "flagger.canary.successes"
                    : "flagger.canary.failures").tags("name", name, "namespace", namespace, "deployment_strategy",
                    strategy(), "analysis_status", spec.skipAnalysis() ? "skipped" : "completed")
                    .register(metrics.registry()).increment();
        }
    }

    /** Flagger's values: 0 Progressing, 2 Failed, 1 anything else. */
    static int statusValue(Phase phase) {
        return phase == Phase.PROGRESSING ? 0 : phase == Phase.FAILED ? 2 : 1;
    }

    private String strategy() {
        return switch (spec.analysis().strategy()) {
            case CANARY -> "canary";
            case BLUE_GREEN -> "blue-green";
            case AB_TESTING -> "ab-testing";
        };
    }
}
