package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FanoutTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void runsTasksAtTheSameTime() throws InterruptedException {
        // each task waits until all four have started: only a concurrent run lets every one see the latch open
        CountDownLatch started = new CountDownLatch(4);
        Supplier<Boolean> task = () -> {
            started.countDown();
            try {
                return started.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
        assertThat(Fanout.all(List.of(task, task, task, task), pool)).containsOnly(true);
    }

    @Test
    void returnsResultsInTaskOrder() throws InterruptedException {
        List<Supplier<Integer>> tasks = IntStream.range(0, 20).<Supplier<Integer>>mapToObj(i -> () -> i).toList();
        assertThat(Fanout.all(tasks, pool)).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void finishesWhenTheCallerRunsOnTheSameSingleThreadExecutor() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            List<Supplier<String>> tasks = List.of(() -> "a", () -> "b", () -> "c");
            assertThat(single.submit(() -> Fanout.all(tasks, single)).get(10, TimeUnit.SECONDS))
                    .containsExactly("a", "b", "c");
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void finishesWhenTheExecutorRejectsWork() throws InterruptedException {
        List<Supplier<String>> tasks = List.of(() -> "a", () -> "b");
        assertThat(Fanout.all(tasks, r -> {
            throw new RejectedExecutionException("full");
        })).containsExactly("a", "b");
    }
}
