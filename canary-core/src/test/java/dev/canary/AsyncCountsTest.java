package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.RequestCounts;
import dev.canary.spec.Routes;
import dev.canary.spec.SequentialSpec;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The counts of sequential checks through {@link MetricsProvider#countsAsync}: a provider that answers them
 * asynchronously is not asked through its blocking {@code counts}, and one that never answers (an asynchronous
 * client waiting on a dead server: no thread held) fails its checks at the deadline and rolls back within
 * threshold x interval plus one interval.
 */
class AsyncCountsTest {
    private static final CanarySpec SEED = ContractSpecs.seed();
    private static final CanarySpec SEQUENTIAL = SEED.toBuilder().analysis(SEED.analysis().toBuilder()
            .metrics(MetricCheck.successRate(99).toBuilder().sequential(SequentialSpec.builder()
                    .against(SequentialSpec.Baseline.SLO).build()).build())
            .build()).build();
    private static final Duration INTERVAL = SEQUENTIAL.analysis().interval();

    private final MutableClock clock = MutableClock.at("2026-12-01T02:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeRouter router = new FakeRouter();
    private final java.util.List<CanaryEvent> events = new java.util.ArrayList<>();

    private CanaryResult drive(MetricsProvider metrics) {
        CanaryExecution execution = CanaryRun.builder().spec(SEQUENTIAL).router(router)
                .target(new FakeTarget("v1", "v2")).metrics(metrics).stateStore(new InMemoryStateStore())
                .clock(clock).scheduler(scheduler).executor(scheduler).listener(events::add).build().start();
        for (int i = 0; i < 500 && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result()).isDone();
        return execution.result().join();
    }

    /** A provider whose values are healthy and whose counts come only asynchronously: blocking counts fail the test. */
    private abstract static class AsynchronousCounts implements MetricsProvider {
        @Override
        public MetricResult query(MetricQuery query) {
            return MetricResult.value(100);
        }

        @Override
        public MetricResult counts(MetricQuery query, Duration window) {
            throw new AssertionError("the asynchronous variant is used");
        }
    }

    /** Counts of a healthy canary, asynchronously. */
    private static final class Answering extends AsynchronousCounts {
        final AtomicInteger asked = new AtomicInteger();
        double requests;

        @Override
        public CompletionStage<MetricResult> countsAsync(MetricQuery query, Duration window, Executor blocking) {
            asked.incrementAndGet();
            requests += 1000;
            return CompletableFuture.completedFuture(new MetricResult.Counts(RequestCounts.of(requests, 0),
                    "counts"));
        }
    }

    @Test
    void asynchronousCountsAreAskedWithoutTheBlockingVariant() {
        Answering metrics = new Answering();

        CanaryResult result = drive(metrics);

        assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(metrics.asked).hasPositiveValue();
    }

    @Test
    void countsThatNeverArriveHoldNoThreadAndRollBackWithinThresholdIntervalsPlusOne() {
        MetricsProvider dead = new AsynchronousCounts() {
            @Override
            public CompletionStage<MetricResult> countsAsync(MetricQuery query, Duration window,
                    Executor blocking) {
                return new CompletableFuture<>();
            }
        };
        CanaryResult result = drive(dead);

        assertThat(result.phase()).isEqualTo(Phase.FAILED);
        assertThat(router.routes(SEQUENTIAL)).isEqualTo(Routes.PRIMARY_ONLY);
        assertThat(result.status().checks().values()).allSatisfy(c -> assertThat(c.detail())
                .contains("did not answer within"));
        java.time.Instant analysing = events.stream().filter(e -> e instanceof CanaryEvent.CheckEvaluated)
                .findFirst().orElseThrow().at();
        java.time.Instant rolledBack = events.stream().filter(e -> e instanceof CanaryEvent.RolledBack)
                .findFirst().orElseThrow().at();
        assertThat(Duration.between(analysing, rolledBack))
                .isLessThanOrEqualTo(INTERVAL.multipliedBy(SEQUENTIAL.analysis().threshold()).plus(INTERVAL));
    }
}
