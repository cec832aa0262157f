package dev.canary.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.canary.LoadTest;
import dev.canary.internal.hooks.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    LoopbackServer server;
    LoadGenerator generator;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        if (generator != null) {
            generator.stop();
        }
        server.close();
    }

    LoadGenerator run(LoadTest test) {
        generator = LoadGenerator.start(test, HttpClients.shared(), "test-load");
        return generator;
    }

    void awaitDone() throws InterruptedException {
        assertThat(generator.awaitDone(Duration.ofSeconds(30))).isTrue();
        assertThat(generator.isRunning()).isFalse();
    }

    @Nested
    class Pacing {
        @Test
        void honoursTheRateAndTheDurationWithinAGenerousTolerance() throws InterruptedException {
            LoadTest test = LoadTest.builder(server.url("/")).ratePerSecond(20).concurrency(2)
                    .duration(Duration.ofSeconds(3)).build();

            run(test);
            awaitDone();

            LoadReport report = generator.report();
            assertThat(report.sent()).isBetween(42L, 78L);
            assertThat(report.responses(2)).isEqualTo(report.sent());
            assertThat(server.count()).isEqualTo((int) report.sent());
        }

        @Test
        void stopsAfterMaxRequests() throws InterruptedException {
            run(LoadTest.builder(server.url("/")).concurrency(3).maxRequests(7).duration(Duration.ofSeconds(30))
                    .build());
            awaitDone();

            assertThat(generator.report().sent()).isEqualTo(7);
            assertThat(server.count()).isEqualTo(7);
        }

        @Test
        void stopEndsALongRunEarly() {
            run(LoadTest.builder(server.url("/")).ratePerSecond(50).duration(Duration.ofMinutes(10)).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> server.count() >= 3);

            generator.stop();

            await().atMost(Duration.ofSeconds(10)).until(() -> !generator.isRunning());
        }
    }

    @Nested
    class Outcomes {
        @Test
        void countsResponsesByStatusClass() throws InterruptedException {
            run(LoadTest.builder(server.url("/status/503")).maxRequests(4).build());
            awaitDone();

            LoadReport report = generator.report();
            assertThat(report.responses(5)).isEqualTo(4);
            assertThat(report.responses(2)).isZero();
            assertThat(report.describe()).isEqualTo("4 requests: 5xx=4");
        }

        @Test
        void countsConnectFailuresAsRequestsWithoutResponse() throws InterruptedException {
            run(LoadTest.builder(URI.create("http://127.0.0.1:1/")).maxRequests(3).build());
            awaitDone();

            LoadReport report = generator.report();
            assertThat(report.sent()).isEqualTo(3);
            assertThat(report.connectFailures()).isEqualTo(3);
            assertThat(report.responses()).isZero();
        }

        @Test
        void sendsTheMethodHeadersAndBody() throws InterruptedException {
            run(LoadTest.builder(server.url("/orders")).method("POST").body("{\"id\":1}")
                    .header("Content-Type", "application/json").header("User-Agent", "canary-load").maxRequests(1)
                    .build());
            awaitDone();

            assertThat(server.seen()).singleElement().isEqualTo(
                    new LoopbackServer.Seen("POST", "/orders", "{\"id\":1}", "canary-load"));
        }
    }
}
