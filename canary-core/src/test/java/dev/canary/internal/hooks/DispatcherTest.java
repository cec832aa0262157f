package dev.canary.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    final Dispatcher dispatcher = new Dispatcher("test-notify");

    @Test
    void dropsDeliveriesBeyondTheQueueInsteadOfBlocking() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        dispatcher.submit("blocker", () -> {
            running.countDown();
            waitFor(release);
            done.incrementAndGet();
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < Dispatcher.CAPACITY + 50; i++) {
            dispatcher.submit("delivery " + i, done::incrementAndGet);
        }
        release.countDown();
        dispatcher.drain(Duration.ofSeconds(10));

        assertThat(done).hasValue(Dispatcher.CAPACITY + 1);
    }

    @Test
    void aFailingDeliveryDoesNotStopTheNextOnes() {
        AtomicInteger done = new AtomicInteger();

        dispatcher.submit("broken", () -> {
            throw new IllegalStateException("boom");
        });
        dispatcher.submit("fine", done::incrementAndGet);

        await().atMost(Duration.ofSeconds(10)).untilAtomic(done, org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void canBeUsedAgainAfterDraining() {
        AtomicInteger done = new AtomicInteger();
        dispatcher.submit("first", done::incrementAndGet);
        dispatcher.drain(Duration.ofSeconds(10));

        dispatcher.submit("second", done::incrementAndGet);
        dispatcher.drain(Duration.ofSeconds(10));

        assertThat(done).hasValue(2);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
