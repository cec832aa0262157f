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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A run whose sequential check watches between ticks ({@link SequentialSpec#watch()}): harm that shows between two
 * ticks rolls the canary back at the watch, not at the next tick; watches that show no harm change nothing (no
 * decision, no event, the ticks stay on their schedule).
 */
class WatchBetweenTicksTest {
    private static final CanarySpec SEED = ContractSpecs.seed();
    private static final Duration INTERVAL = SEED.analysis().interval();
    private static final Duration WATCH = Duration.ofSeconds(2);

    private final MutableClock clock = MutableClock.at("2026-12-01T02:00:00Z");
    private final Instant start = clock.instant();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeRouter router = new FakeRouter();
    private final List<CanaryEvent> events = new ArrayList<>();

    private static CanarySpec spec(@Nullable Duration watch) {
        return SEED.toBuilder().analysis(SEED.analysis().toBuilder()
                .metrics(MetricCheck.successRate(99).toBuilder().sequential(SequentialSpec.builder()
                        .against(SequentialSpec.Baseline.SLO).watch(watch).build()).build())
                .build()).build();
    }

    /**
     * Counts of a canary that serves 10 requests a second from the start of the analysis; from {@code failingFrom}
     * on, every request fails (never, when null). Records when it was asked.
     */
    private final class Traffic implements MetricsProvider {
        final @Nullable Instant failingFrom;
        final List<Instant> asked = new ArrayList<>();

        Traffic(@Nullable Instant failingFrom) {
            this.failingFrom = failingFrom;
        }

        @Override
        public MetricResult query(MetricQuery query) {
            return MetricResult.value(100);
        }

        @Override
        public MetricResult counts(MetricQuery query, Duration window) {
            Instant now = clock.instant();
            asked.add(now);
            double requests = 10.0 * window.toSeconds();
            double failures = failingFrom == null || now.isBefore(failingFrom) ? 0
                    : 10.0 * Duration.between(failingFrom, now).toSeconds();
            return new MetricResult.Counts(RequestCounts.of(requests, Math.min(requests, failures)), "counts");
        }
    }

    private CanaryResult drive(CanarySpec spec, MetricsProvider metrics) {
        CanaryExecution execution = CanaryRun.builder().spec(spec).router(router)
                .target(new FakeTarget("v1", "v2")).metrics(metrics).stateStore(new InMemoryStateStore())
                .clock(clock).scheduler(scheduler).executor(scheduler).listener(events::add).build().start();
        for (int i = 0; i < 2000 && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result()).isDone();
        return execution.result().join();
    }

    private List<Instant> ticks() {
        return events.stream().filter(e -> e instanceof CanaryEvent.Ticked).map(CanaryEvent::at).toList();
    }

    @Test
    void harmBetweenTicksRollsBackAtTheWatchBeforeTheNextTick() {
        Instant failing = start.plus(INTERVAL.multipliedBy(3)).plusSeconds(1);
        CanaryResult result = drive(spec(WATCH), new Traffic(failing));

        assertThat(result.phase()).isEqualTo(Phase.FAILED);
        assertThat(router.routes(spec(WATCH))).isEqualTo(Routes.PRIMARY_ONLY);
        Instant rolledBack = events.stream().filter(e -> e instanceof CanaryEvent.RolledBack).findFirst()
                .orElseThrow().at();
        Instant decided = events.stream().filter(e -> e instanceof CanaryEvent.Note n
                && n.message().contains("between ticks")).findFirst().orElseThrow().at();
        assertThat(decided).as("decided at a watch, between two ticks")
                .isAfter(failing).isBefore(failing.plus(INTERVAL).minusSeconds(1));
        assertThat(Duration.between(start, decided).toMillis() % INTERVAL.toMillis()).isNotZero();
        assertThat(rolledBack).isBefore(start.plus(INTERVAL.multipliedBy(5)));
        assertThat(result.status().history()).anySatisfy(r -> assertThat(r.summary())
                .contains("sequential checks showed harm between ticks", "request-success-rate"));
    }

    @Test
    void withoutAWatchTheSameHarmWaitsForTheNextTick() {
        Instant failing = start.plus(INTERVAL.multipliedBy(3)).plusSeconds(1);
        CanaryResult result = drive(spec(null), new Traffic(failing));

        assertThat(result.phase()).isEqualTo(Phase.FAILED);
        Instant decided = events.stream().filter(e -> e instanceof CanaryEvent.Note n
                && n.message().startsWith("rolling back")).findFirst().orElseThrow().at();
        assertThat(Duration.between(start, decided).toMillis() % INTERVAL.toMillis()).isZero();
    }

    @Test
    void watchesThatShowNoHarmChangeNothingButAreAskedBetweenTheTicks() {
        Traffic watched = new Traffic(null);
        CanaryResult withWatch = drive(spec(WATCH), watched);
        List<Instant> ticksWithWatch = ticks();
        events.clear();
        clock.set(start);
        Traffic plain = new Traffic(null);
        CanaryResult without = drive(spec(null), plain);

        assertThat(withWatch.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(without.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(withWatch.status().history()).extracting(r -> r.summary())
                .containsExactlyElementsOf(without.status().history().stream().map(r -> r.summary()).toList());
        assertThat(ticksWithWatch).as("the ticks keep their schedule").isEqualTo(ticks());
        assertThat(withWatch.status().skippedTicks()).isZero();
        assertThat(watched.asked).hasSizeGreaterThan(plain.asked.size() * 3);
        assertThat(watched.asked).anySatisfy(at ->
                assertThat(Duration.between(start, at).toMillis() % INTERVAL.toMillis()).isNotZero());
    }
}
