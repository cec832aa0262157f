package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import dev.canary.testkit.ContractSpecs;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimedMetricsProviderTest {
    private static final MetricQuery QUERY = MetricQuery.canary(ContractSpecs.seed(),
            ContractSpecs.seed().analysis().metrics().get(0));
    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong();

    /** A provider whose every query takes {@code millis} on the fake clock. */
    private TimedMetricsProvider taking(long... millis) {
        AtomicLong call = new AtomicLong();
        return new TimedMetricsProvider(q -> {
            now.addAndGet(millis[(int) call.getAndIncrement()] * MS);
            return new MetricResult.Value(1, 1, "q");
        }, now::get);
    }

    @Test
    void answersWhatTheDelegateAnswers() {
        assertThat(taking(5).query(QUERY)).isEqualTo(new MetricResult.Value(1, 1, "q"));
    }

    @Test
    void groupsQueriesStartedCloseTogetherIntoOneTickFromFirstStartToLastEnd() {
        TimedMetricsProvider timed = taking(30, 10, 7, 4);
        timed.query(QUERY);             // 0 .. 30 ms
        now.set(5 * MS);
        timed.query(QUERY);             // 5 .. 15 ms: same tick, ends earlier
        now.set(2000 * MS);
        timed.query(QUERY);             // 2000 .. 2007 ms: the next tick
        timed.query(QUERY);             // 2007 .. 2011 ms
        assertThat(timed.tickTimes(Duration.ofSeconds(1)))
                .containsExactly(Duration.ofMillis(30), Duration.ofMillis(11));
    }

    @Test
    void hasNoTicksBeforeTheFirstQuery() {
        assertThat(taking().tickTimes(Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void recordsAQueryThatThrew() {
        TimedMetricsProvider timed = new TimedMetricsProvider(q -> {
            now.addAndGet(3 * MS);
            throw new IllegalStateException("boom");
        }, now::get);
        try {
            timed.query(QUERY);
        } catch (IllegalStateException expected) {
            // the run turns it into a failed check
        }
        assertThat(timed.tickTimes(Duration.ofSeconds(1))).containsExactly(Duration.ofMillis(3));
    }
}
