package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    private final DemoService service = DemoService.start("canary", new ServiceBehaviour("v2", 20, Duration.ZERO));

    @AfterEach
    void stop() {
        service.close();
    }

    @Nested
    class Limits {
        @Test
        void sendsExactlyTheRequestLimitAndCountsServerErrors() {
            try (LoadGenerator load = new LoadGenerator(service.uri(), 500, 4, Duration.ofMinutes(1), 50)) {
                load.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> !load.isRunning() && load.completed() == 50);
                assertThat(load.sent()).isEqualTo(50);
                assertThat(service.requests()).isEqualTo(50);
                assertThat(load.serverErrors()).isEqualTo(10);
                assertThat(load.failures()).isZero();
            }
        }

        @Test
        void stopsWhenTheTimeLimitHasPassed() {
            try (LoadGenerator load = new LoadGenerator(service.uri(), 10, 4, Duration.ofMillis(300), 1_000_000)) {
                load.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> !load.isRunning());
                // ticks are due at 0, 100 and 200 ms (300 ms is the limit); a late tick only sends less
                assertThat(load.sent()).isLessThanOrEqualTo(4);
            }
        }

        @Test
        void stopsWhenClosed() {
            LoadGenerator load = new LoadGenerator(service.uri(), 10, 4, Duration.ofMinutes(1), 1_000);
            load.start();
            assertThat(load.isRunning()).isTrue();
            load.close();
            assertThat(load.isRunning()).isFalse();
        }
    }

    @Nested
    class Failures {
        @Test
        void countsRequestsThatGotNoAnswer() {
            service.close();
            try (LoadGenerator load = new LoadGenerator(service.uri(), 100, 2, Duration.ofMinutes(1), 5)) {
                load.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() == 5);
                assertThat(load.failures()).isEqualTo(5);
            }
        }

        @Test
        void rejectsLimitsThatMakeNoSense() {
            URI uri = service.uri();
            assertThatThrownBy(() -> new LoadGenerator(uri, 0, 1, Duration.ofSeconds(1), 1))
                    .hasMessage("ratePerSecond must be between 1 and 10000 but was 0");
            assertThatThrownBy(() -> new LoadGenerator(uri, 1, 0, Duration.ofSeconds(1), 1))
                    .hasMessageContaining("concurrency and requestLimit must be at least 1");
            assertThatThrownBy(() -> new LoadGenerator(uri, 1, 1, Duration.ZERO, 1))
                    .hasMessageContaining("timeLimit positive");
        }
    }
}
