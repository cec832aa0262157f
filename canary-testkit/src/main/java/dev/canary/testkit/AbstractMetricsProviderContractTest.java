package dev.canary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MetricsProvider} keeps. Subclass it and arrange the backend so that
 * {@link #checkWithValue()} yields {@link #expectedValue()}, {@link #checkWithNoData()} yields nothing, and
 * {@link #unavailableProvider()} points at a backend that does not answer.
 */
public abstract class AbstractMetricsProviderContractTest {

    protected abstract MetricsProvider provider();

    /** A provider whose backend is down or unreachable. */
    protected abstract MetricsProvider unavailableProvider();

    protected abstract MetricCheck checkWithValue();

    protected abstract double expectedValue();

    protected abstract MetricCheck checkWithNoData();

    protected CanarySpec spec() {
        return ContractSpecs.seed();
    }

    @Test
    void answersAValue() {
        MetricResult result = provider().query(MetricQuery.canary(spec(), checkWithValue()));
        assertThat(result).isInstanceOf(MetricResult.Value.class);
        assertThat(((MetricResult.Value) result).value()).isCloseTo(expectedValue(), within(1e-6));
    }

    @Test
    void answersNoDataWhenThereIsNone() {
        MetricResult result = provider().query(MetricQuery.canary(spec(), checkWithNoData()));
        assertThat(result).isInstanceOf(MetricResult.NoData.class);
    }

    @Test
    void reportsAnUnavailableBackendAsAFailureInsteadOfThrowing() {
        MetricResult result = unavailableProvider().query(MetricQuery.canary(spec(), checkWithValue()));
        assertThat(result).isInstanceOf(MetricResult.Failed.class);
        assertThat(((MetricResult.Failed) result).message()).isNotBlank();
    }

    @Test
    void answersConcurrentQueries() {
        MetricsProvider provider = provider();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<MetricResult>> futures = IntStream.range(0, 16)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> provider.query(MetricQuery.canary(spec(), checkWithValue())), pool))
                    .toList();
            for (CompletableFuture<MetricResult> f : futures) {
                assertThat(f.join()).isInstanceOfSatisfying(MetricResult.Value.class,
                        v -> assertThat(v.value()).isCloseTo(expectedValue(), within(1e-6)));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
