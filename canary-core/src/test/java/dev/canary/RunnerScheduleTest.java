package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Phase;
import dev.canary.testkit.ContractSpecs;
import dev.canary.spi.MetricQuery;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricsProvider;
import dev.canary.spec.Routes;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fixed-rate schedule and the call deadlines of a run, on a manual scheduler and a fake clock. */
class RunnerScheduleTest {
    private static final CanarySpec SEED = ContractSpecs.seed();
    private static final Duration INTERVAL = SEED.analysis().interval();
    private static final int MAX_TICKS = 500;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeRouter router = new FakeRouter();
    private final FakeTarget target = new FakeTarget("v1", "v2");
    private final List<CanaryEvent> events = new ArrayList<>();

    private CanaryRun.Builder run(MetricsProvider metrics) {
        return CanaryRun.builder().spec(SEED).router(router).target(target).metrics(metrics)
                .stateStore(new InMemoryStateStore()).clock(clock).scheduler(scheduler).executor(scheduler)
                .listener(events::add);
    }

    private CanaryResult drive(CanaryExecution execution) {
        for (int i = 0; i < MAX_TICKS && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result()).as("the run ended within %d ticks", MAX_TICKS).isDone();
        return execution.result().join();
    }

    private List<Instant> ticks() {
        return events.stream().filter(e -> e instanceof CanaryEvent.Ticked).map(CanaryEvent::at).toList();
    }

    private static MetricsProvider healthy() {
        return query -> MetricResult.value(100);
    }

    private <T extends CanaryEvent> Instant first(Class<T> type, java.util.function.Predicate<T> which) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(which).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + events)).at();
    }

    @Nested
    class FixedRate {
        @Test
        void aFiveSecondSlowTickDoesNotMoveTheTicksAfterIt() {
            AtomicInteger queries = new AtomicInteger();
            MetricsProvider slowOnce = query -> {
                if (queries.incrementAndGet() == 7) {
                    clock.advance(Duration.ofSeconds(5));
                }
                return MetricResult.value(100);
            };
            CanaryResult result = drive(run(slowOnce).build().start());

            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            List<Instant> ticks = ticks();
            Instant start = ticks.get(0);
            for (int i = 1; i < ticks.size(); i++) {
                assertThat(Duration.between(start, ticks.get(i))).as("tick %d", i).isEqualTo(INTERVAL.multipliedBy(i));
            }
            assertThat(result.status().skippedTicks()).isZero();
        }

        @Test
        void aTickThatOverrunsSkipsTheDueTicksItMissedAndSaysSo() {
            AtomicInteger ticked = new AtomicInteger();
            CanaryExecution execution = run(healthy()).listener(event -> {
                if (event instanceof CanaryEvent.Ticked && ticked.incrementAndGet() == 5) {
                    clock.advance(INTERVAL.multipliedBy(2).plusSeconds(5));
                }
            }).build().start();
            CanaryResult result = drive(execution);

            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(result.status().skippedTicks()).isEqualTo(2);
            assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("skipped 2 due tick(s)"));
            List<Instant> ticks = ticks();
            Instant start = ticks.get(0);
            assertThat(ticks).allSatisfy(t -> assertThat(Duration.between(start, t).toMillis() % INTERVAL.toMillis())
                    .as("every tick on the grid").isZero());
            assertThat(Duration.between(ticks.get(4), ticks.get(5))).isEqualTo(INTERVAL.multipliedBy(3));
        }
    }

    @Nested
    class Deadlines {
        /** A provider that never answers (an asynchronous client waiting on a dead server). */
        private final MetricsProvider dead = new MetricsProvider() {
            @Override
            public MetricResult query(MetricQuery query) {
                throw new AssertionError("the asynchronous variant is used");
            }

            @Override
            public CompletionStage<MetricResult> queryAsync(MetricQuery query, Executor blocking) {
                return new CompletableFuture<>();
            }
        };

        @Test
        void aDeadProviderRollsBackWithinThresholdIntervalsPlusOne() {
            CanaryResult result = drive(run(dead).build().start());

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(result.status().failedChecks()).isEqualTo(SEED.analysis().threshold());
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
            Instant analysing = first(CanaryEvent.CheckEvaluated.class, c -> true);
            Instant rolledBack = first(CanaryEvent.RolledBack.class, r -> true);
            assertThat(Duration.between(analysing, rolledBack))
                    .isLessThanOrEqualTo(INTERVAL.multipliedBy(SEED.analysis().threshold()).plus(INTERVAL));
            assertThat(result.status().checks().values()).allSatisfy(c -> assertThat(c.detail())
                    .contains("did not answer within 5s"));
        }

        @Test
        void aSlowProviderAnswerAfterTheDeadlineCountsAsAnError() {
            MetricsProvider slow = query -> {
                clock.advance(INTERVAL);
                return MetricResult.value(100);
            };
            CanaryResult result = drive(run(slow).build().start());

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(result.status().checks().values()).allSatisfy(c -> assertThat(c.detail())
                    .contains("answered after its deadline"));
        }
    }
}
