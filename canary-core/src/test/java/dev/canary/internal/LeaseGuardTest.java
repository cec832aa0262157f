package dev.canary.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spi.RunLease;
import dev.canary.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaseGuardTest {
    private static final Duration VALID = Duration.ofSeconds(25);

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final Deque<Boolean> answers = new ArrayDeque<>();
    private final RunLease lease = new RunLease() {
        @Override
        public Optional<Instant> acquire(String key) {
            return Boolean.TRUE.equals(answers.poll()) ? Optional.of(clock.instant().plus(VALID)) : Optional.empty();
        }

        @Override
        public void release(String key) {
        }
    };
    private final LeaseGuard guard = new LeaseGuard(lease, "demo/app", clock);

    private boolean acquire(boolean granted) {
        answers.add(granted);
        return guard.acquire();
    }

    @Test
    void theFirstAcquisitionAsksForTheStoredStateAndARenewalInTimeDoesNot() {
        assertThat(acquire(true)).isTrue();
        assertThat(guard.mustReload()).isTrue();
        guard.reloaded();
        clock.advance(Duration.ofSeconds(10));

        assertThat(acquire(true)).isTrue();
        assertThat(guard.mustReload()).isFalse();
    }

    @Test
    void aRenewalAfterTheLeaseLapsedAsksForTheStoredStateAgain() {
        acquire(true);
        guard.reloaded();
        clock.advance(VALID);

        assertThat(acquire(true)).isTrue();
        assertThat(guard.mustReload()).as("another process may have run the canary meanwhile").isTrue();
    }

    @Test
    void losingTheLeaseMeansReloadingWhenItComesBack() {
        acquire(true);
        guard.reloaded();
        clock.advance(Duration.ofSeconds(10));
        assertThat(acquire(false)).isFalse();
        assertThat(guard.stillHeld()).isFalse();
        clock.advance(Duration.ofSeconds(10));

        assertThat(List.of(acquire(true), guard.mustReload())).containsExactly(true, true);
    }

    @Test
    void aFailedWriteAsksForTheStoredState() {
        acquire(true);
        guard.reloaded();
        guard.invalidate();
        assertThat(guard.mustReload()).isTrue();
    }

    @Test
    void isHeldUntilTheInstantTheLeaseGaveAndNotAfter() {
        acquire(true);
        clock.advance(VALID.minusMillis(1));
        assertThat(guard.stillHeld()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.stillHeld()).isFalse();
    }
}
