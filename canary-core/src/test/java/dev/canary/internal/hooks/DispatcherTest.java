package dev.canary.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.canary.testkit.LogCapture;
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
    void aFailingDeliveryIsLoggedOnOneLine() {
        try (LogCapture log = LogCapture.of(Dispatcher.class.getName())) {
            dispatcher.submit("webhook 'smoke'", () -> {
                throw new IllegalStateException("boom\r\n2026-03-01 12:00:00 INFO canary demo/podinfo: promoted");
            });
            dispatcher.drain(Duration.ofSeconds(10));

            assertThat(log.linesWith("promoted")).singleElement().satisfies(line -> assertThat(line)
                    .contains("webhook 'smoke' failed: java.lang.IllegalStateException: boom\\u000D\\u000A2026"));
            assertThat(log.lines()).noneMatch(line -> line.startsWith("2026-03-01"));
        }
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

    @Test
    void runsShareOneThreadAndEachRunKeepsItsOrder() {
        java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Dispatcher a = new Dispatcher("a", one);
            Dispatcher b = new Dispatcher("b", one);
            java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (int i = 0; i < 20; i++) {
                int n = i;
                a.submit("a" + n, () -> seen.add("a" + n));
                b.submit("b" + n, () -> seen.add("b" + n));
            }
            a.drain(Duration.ofSeconds(10));
            b.drain(Duration.ofSeconds(10));

            assertThat(seen).hasSize(40);
            assertThat(seen.stream().filter(s -> s.startsWith("a"))).containsExactly(
                    java.util.stream.IntStream.range(0, 20).mapToObj(i -> "a" + i).toArray(String[]::new));
            assertThat(seen.stream().filter(s -> s.startsWith("b"))).containsExactly(
                    java.util.stream.IntStream.range(0, 20).mapToObj(i -> "b" + i).toArray(String[]::new));
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void aDeliveryNotStartedBeforeItsDeadlineIsDropped() throws InterruptedException {
        java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
            Dispatcher late = new Dispatcher("late", one, Duration.ofMinutes(1), now::get);
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger done = new AtomicInteger();
            // the first delivery is taken at once; the second waits behind it for longer than a minute
            late.submit("slow", () -> {
                running.countDown();
                waitFor(release);
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            late.submit("queued", done::incrementAndGet);
            now.addAndGet(Duration.ofMinutes(1).plusNanos(1).toNanos());
            late.submit("on time", done::incrementAndGet);
            release.countDown();
            late.drain(Duration.ofSeconds(10));

            assertThat(done).hasValue(1);
        } finally {
            one.shutdownNow();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
