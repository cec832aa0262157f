package dev.canary.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fixed-rate schedule, with and without a tick grid. */
class ScheduleTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration GRID = Duration.ofMillis(100);
    private static final Instant START = Instant.parse("2026-12-01T02:00:00.234Z");

    @Test
    void withoutAGridTickKIsDueAtStartPlusKIntervals() {
        Schedule schedule = new Schedule(START, INTERVAL);

        assertThat(schedule.next(START.plusMillis(5)).due()).isEqualTo(START.plus(INTERVAL));
        assertThat(schedule.next(START.plusMillis(1010)).due()).isEqualTo(START.plus(INTERVAL.multipliedBy(2)));
    }

    @Test
    void onAGridTheTicksAfterTheFirstAreDueAtTheStartRoundedUpPlusKIntervals() {
        Schedule schedule = new Schedule(START, INTERVAL, GRID);
        Instant anchor = Instant.parse("2026-12-01T02:00:00.300Z");

        // the first tick ran at the start, before the anchor: the next is one interval after the anchor
        Schedule.Next second = schedule.next(START.plusMillis(5));
        assertThat(second.due()).isEqualTo(anchor.plus(INTERVAL));
        assertThat(second.skipped()).isZero();
        assertThat(schedule.next(anchor.plus(INTERVAL).plusMillis(3)).due())
                .isEqualTo(anchor.plus(INTERVAL.multipliedBy(2)));
    }

    @Test
    void runsStartedWithinOneGridStepFallDueTogether() {
        Schedule early = new Schedule(Instant.parse("2026-12-01T02:00:00.201Z"), INTERVAL, GRID);
        Schedule late = new Schedule(Instant.parse("2026-12-01T02:00:00.299Z"), INTERVAL, GRID);
        Instant now = Instant.parse("2026-12-01T02:00:00.310Z");

        assertThat(early.next(now).due()).isEqualTo(late.next(now).due())
                .isEqualTo(Instant.parse("2026-12-01T02:00:01.300Z"));
    }

    @Test
    void aSlowTickOnAGridSkipsTheTicksItMissedWithoutMovingTheOthers() {
        Schedule schedule = new Schedule(START, INTERVAL, GRID);
        Instant anchor = Instant.parse("2026-12-01T02:00:00.300Z");
        schedule.next(START.plusMillis(5));

        Schedule.Next afterSlow = schedule.next(anchor.plus(INTERVAL).plusMillis(3500));

        assertThat(afterSlow.due()).isEqualTo(anchor.plus(INTERVAL.multipliedBy(5)));
        assertThat(afterSlow.skipped()).isEqualTo(3);
        assertThat(schedule.skipped()).isEqualTo(3);
    }

    @Test
    void aStartOnTheGridIsItsOwnAnchor() {
        Instant onGrid = Instant.parse("2026-12-01T02:00:00.300Z");

        assertThat(Schedule.anchor(onGrid, INTERVAL, GRID)).isEqualTo(onGrid);
        assertThat(Schedule.anchor(START, INTERVAL, GRID)).isEqualTo(onGrid);
    }

    @Test
    void noGridOrOneCoarserThanATenthOfTheIntervalLeavesTheStart() {
        assertThat(Schedule.anchor(START, INTERVAL, Duration.ZERO)).isEqualTo(START);
        assertThat(Schedule.anchor(START, INTERVAL, Duration.ofMillis(101))).isEqualTo(START);
        assertThat(Schedule.anchor(START, Duration.ofMillis(500), GRID)).isEqualTo(START);
    }

    @Test
    void aRetryComesNoLaterThanTheNextAlignedTick() {
        Schedule schedule = new Schedule(START, INTERVAL, GRID);
        Instant anchor = Instant.parse("2026-12-01T02:00:00.300Z");

        assertThat(schedule.retry(START.plusMillis(5), Duration.ofSeconds(4))).isEqualTo(anchor.plus(INTERVAL));
        assertThat(schedule.retry(START.plusMillis(5), Duration.ofMillis(200))).isEqualTo(START.plusMillis(205));
    }
}
