package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterDeltasTest {
    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    static final Duration STEP = Duration.ofSeconds(10);

    static QueryResult.Series counter(String code, long firstStep, double... values) {
        List<QueryResult.Sample> samples = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            samples.add(new QueryResult.Sample(T0.plus(STEP.multipliedBy(firstStep + i)), values[i]));
        }
        return new QueryResult.Series(Map.of("code", code), samples);
    }

    static Instant step(long k) {
        return T0.plus(STEP.multipliedBy(k));
    }

    @Test
    void sumsEachSeriesGrowthSinceThePreviousStep() {
        CounterDeltas deltas = new CounterDeltas(new QueryResult.Matrix(List.of(counter("200", 0, 100, 150, 150),
                counter("500", 0, 1, 3, 4)), List.of()), T0, STEP);
        assertThat(deltas.at(step(0))).isZero();
        assertThat(deltas.at(step(1))).isEqualTo(52);
        assertThat(deltas.at(step(2))).isEqualTo(1);
        assertThat(deltas.at(step(9))).isZero();
    }

    @Test
    void readsAResetAsTheNewValue() {
        CounterDeltas deltas = new CounterDeltas(new QueryResult.Matrix(List.of(counter("200", 0, 1000, 20, 50)),
                List.of()), T0, STEP);
        assertThat(deltas.at(step(1))).isEqualTo(20);
        assertThat(deltas.at(step(2))).isEqualTo(30);
    }

    @Test
    void countsASeriesThatAppearsLaterInFull() {
        CounterDeltas deltas = new CounterDeltas(new QueryResult.Matrix(List.of(counter("500", 2, 3, 5)),
                List.of()), T0, STEP);
        assertThat(deltas.at(step(2))).isEqualTo(3);
        assertThat(deltas.at(step(3))).isEqualTo(2);
    }
}
