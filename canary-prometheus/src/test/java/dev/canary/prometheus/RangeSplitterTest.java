package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RangeSplitterTest {
    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    static final Duration STEP = Duration.ofSeconds(10);

    @Test
    void keepsARangeWithinTheLimitInOneQuery() {
        assertThat(RangeSplitter.chunks(T0, T0.plusSeconds(100), STEP, 10))
                .containsExactly(new RangeSplitter.Chunk(T0, T0.plusSeconds(100)));
    }

    @Test
    void splitsALongerRangeOnTheSameGridWithoutOverlapOrHoles() {
        List<RangeSplitter.Chunk> chunks = RangeSplitter.chunks(T0, T0.plusSeconds(250), STEP, 10);
        assertThat(chunks).containsExactly(new RangeSplitter.Chunk(T0, T0.plusSeconds(100)),
                new RangeSplitter.Chunk(T0.plusSeconds(110), T0.plusSeconds(210)),
                new RangeSplitter.Chunk(T0.plusSeconds(220), T0.plusSeconds(250)));
    }

    @Test
    void rejectsAnEmptyOrBackwardRange() {
        assertThatThrownBy(() -> RangeSplitter.chunks(T0, T0.minusSeconds(1), STEP, 10))
                .hasMessageContaining("must not be before start");
        assertThatThrownBy(() -> RangeSplitter.chunks(T0, T0, Duration.ZERO, 10))
                .hasMessageContaining("step must be positive");
    }

    @Test
    void mergesTheSeriesOfEveryChunkByLabels() {
        List<RangeSplitter.Chunk> asked = new ArrayList<>();
        Instant end = T0.plus(STEP.multipliedBy(RangeSplitter.STEPS_PER_QUERY + 5));
        QueryResult.Matrix merged = RangeSplitter.run(T0, end, STEP, chunk -> {
            asked.add(chunk);
            return new QueryResult.Matrix(List.of(series("a", chunk.start()), series("b", chunk.end())),
                    List.of("w"));
        });
        assertThat(asked).hasSize(2);
        assertThat(merged.series()).hasSize(2);
        assertThat(merged.series().get(0).samples()).extracting(QueryResult.Sample::time)
                .containsExactly(T0, asked.get(1).start());
        assertThat(merged.warnings()).containsExactly("w");
    }

    private static QueryResult.Series series(String name, Instant t) {
        return new QueryResult.Series(Map.of("name", name), List.of(new QueryResult.Sample(t, 1)));
    }
}
