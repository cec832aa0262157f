package dev.canary.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which runs a runtime's tick grid aligns. */
class TickGridTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Instant START = Instant.parse("2026-12-01T02:00:00.234Z");
    private final TickGrid grid = new TickGrid(Duration.ofMillis(100));

    @Test
    void aRunIsAnchoredOnTheNextGridStep() {
        assertThat(grid.join(START, INTERVAL)).isEqualTo(Instant.parse("2026-12-01T02:00:00.300Z"));
        assertThat(grid.aligned()).isOne();
    }

    @Test
    void pastThirtyTwoRunsPerGridStepOfTheIntervalNewRunsAreNotAligned() {
        int capacity = TickGrid.MAX_PER_STEP * 10;
        for (int i = 0; i < capacity; i++) {
            assertThat(grid.join(START, INTERVAL)).as("run %d", i).isNotNull();
        }

        assertThat(grid.join(START, INTERVAL)).isNull();
        assertThat(grid.join(START, INTERVAL.multipliedBy(2))).as("a longer interval has room").isNotNull();
        grid.leave();
        grid.leave();
        assertThat(grid.join(START, INTERVAL)).as("a run ended: room again").isNotNull();
    }

    @Test
    void noGridOrOneCoarserThanATenthOfTheIntervalAlignsNothing() {
        assertThat(TickGrid.NONE.join(START, INTERVAL)).isNull();
        assertThat(grid.join(START, Duration.ofMillis(999))).isNull();
        assertThat(grid.aligned()).isZero();
    }
}
