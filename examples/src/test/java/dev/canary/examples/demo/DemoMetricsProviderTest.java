package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.ThresholdRange;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import dev.canary.testkit.AbstractMetricsProviderContractTest;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoMetricsProviderTest extends AbstractMetricsProviderContractTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final MetricCheck SUCCESS = MetricCheck.builder(MetricCheck.REQUEST_SUCCESS_RATE)
            .interval(Duration.ofSeconds(10)).thresholdRange(ThresholdRange.atLeast(99)).build();
    private static final MetricCheck P99 = MetricCheck.builder(MetricCheck.REQUEST_DURATION)
            .interval(Duration.ofSeconds(10)).thresholdRange(ThresholdRange.atMost(500)).build();

    private final MutableClock clock = new MutableClock(T0);
    private final TrafficLog log = new TrafficLog();
    private final DemoMetricsProvider provider = new DemoMetricsProvider(log, clock);

    private void record(Upstream upstream, int status, long millis, int secondsAgo) {
        log.record(ProxiedRequest.served(upstream, status, Duration.ofMillis(millis), clock.instant()
                .minusSeconds(secondsAgo)));
    }

    private MetricResult canary(MetricCheck check) {
        return provider.query(MetricQuery.canary(ContractSpecs.seed(), check));
    }

    @Override
    protected MetricsProvider provider() {
        for (int i = 0; i < 8; i++) {
            record(Upstream.CANARY, i < 2 ? 500 : 200, 10, 1);
        }
        return provider;
    }

    @Override
    protected MetricsProvider unavailableProvider() {
        TrafficLog stopped = new TrafficLog();
        stopped.close();
        return new DemoMetricsProvider(stopped, clock);
    }

    @Override
    protected MetricCheck checkWithValue() {
        return SUCCESS;
    }

    @Override
    protected double expectedValue() {
        return 75;
    }

    @Override
    protected MetricCheck checkWithNoData() {
        return P99.toBuilder().interval(Duration.ofMillis(500)).build();
    }

    @Nested
    class SuccessRate {
        @Test
        void isThePercentOfRequestsNotAnsweredFiveHundredSomething() {
            record(Upstream.CANARY, 200, 5, 1);
            record(Upstream.CANARY, 404, 5, 1);
            record(Upstream.CANARY, 503, 5, 1);
            record(Upstream.CANARY, 500, 5, 1);
            MetricResult result = canary(SUCCESS);
            assertThat(result).isInstanceOfSatisfying(MetricResult.Value.class, v -> {
                assertThat(v.value()).isCloseTo(50, within(1e-9));
                assertThat(v.samples()).isEqualTo(4);
                assertThat(v.source()).contains("request-success-rate of the canary");
            });
        }

        @Test
        void countsOnlyTheRequestsOfTheCheckIntervalEndingNow() {
            record(Upstream.CANARY, 500, 5, 11);
            record(Upstream.CANARY, 500, 5, 10);
            record(Upstream.CANARY, 200, 5, 9);
            record(Upstream.CANARY, 200, 5, 0);
            assertThat(canary(SUCCESS)).isEqualTo(new MetricResult.Value(100, 2,
                    ((MetricResult.Value) canary(SUCCESS)).source()));
            clock.advance(Duration.ofSeconds(9));
            assertThat(((MetricResult.Value) canary(SUCCESS)).samples()).isEqualTo(1);
        }

        @Test
        void measuresThePrimaryWhenAskedForIt() {
            record(Upstream.PRIMARY, 200, 5, 1);
            record(Upstream.CANARY, 500, 5, 1);
            MetricResult result = provider.query(new MetricQuery(ContractSpecs.seed(), SUCCESS,
                    MetricQuery.Subject.PRIMARY));
            assertThat(((MetricResult.Value) result).value()).isEqualTo(100);
        }

        @Test
        void includesMirroredCopiesInTheCanarysFigures() {
            log.record(new ProxiedRequest(Upstream.CANARY, 500, Duration.ZERO, T0, true));
            assertThat(((MetricResult.Value) canary(SUCCESS)).value()).isZero();
        }
    }

    @Nested
    class Latency {
        @Test
        void isTheNearestRankNinetyNinthPercentileInMilliseconds() {
            for (int ms = 1; ms <= 200; ms++) {
                record(Upstream.CANARY, 200, ms, 1);
            }
            MetricResult.Value value = (MetricResult.Value) canary(P99);
            assertThat(value.value()).isEqualTo(198);
            assertThat(value.samples()).isEqualTo(200);
        }

        @Test
        void isTheSlowestRequestWhenThereAreFewerThanAHundred() {
            record(Upstream.CANARY, 200, 3, 1);
            record(Upstream.CANARY, 200, 700, 1);
            record(Upstream.CANARY, 200, 4, 1);
            assertThat(((MetricResult.Value) canary(P99)).value()).isEqualTo(700);
        }
    }

    @Nested
    class WithoutAnswer {
        @Test
        void reportsNoDataWhenNoRequestReachedTheCanaryInTheWindow() {
            record(Upstream.PRIMARY, 200, 5, 1);
            record(Upstream.CANARY, 200, 5, 30);
            assertThat(canary(SUCCESS)).isInstanceOfSatisfying(MetricResult.NoData.class,
                    n -> assertThat(n.reason()).isEqualTo("no request reached the canary in the window"));
        }

        @Test
        void failsForChecksThatAreNotBuiltin() {
            MetricCheck custom = MetricCheck.builder("error-budget").query("sum(rate(x[1m]))").build();
            assertThat(canary(custom)).isInstanceOfSatisfying(MetricResult.Failed.class,
                    f -> assertThat(f.message()).contains("answers only the builtin checks").contains("error-budget"));
        }
    }
}
