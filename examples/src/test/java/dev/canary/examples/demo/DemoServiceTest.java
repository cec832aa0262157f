package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoServiceTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private DemoService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(service.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Answering {
        @Test
        void answersEveryPathWithItsNameAndRevisionOnLoopback() throws Exception {
            service = DemoService.start("primary", ServiceBehaviour.healthy("v1"));
            HttpResponse<String> response = get("/any/path?x=1");
            assertThat(service.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("primary v1\n");
            assertThat(response.headers().firstValue("X-Revision")).contains("v1");
            assertThat(service.requests()).isEqualTo(1);
        }

        @Test
        void answersTheConfiguredShareOfRequestsWithHttp500() throws Exception {
            service = DemoService.start("canary", new ServiceBehaviour("v2", 10, Duration.ZERO));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(get("/").statusCode());
            }
            assertThat(statuses).filteredOn(s -> s == 500).hasSize(2);
            assertThat(statuses.get(9)).isEqualTo(500);
            assertThat(statuses.get(19)).isEqualTo(500);
        }

        @Test
        void rollsOutANewBehaviourWhileRunning() throws Exception {
            service = DemoService.start("primary", ServiceBehaviour.healthy("v1"));
            service.behave(ServiceBehaviour.healthy("v2"));
            assertThat(get("/").body()).isEqualTo("primary v2\n");
            assertThat(service.behaviour().revision()).isEqualTo("v2");
        }

        @Test
        void stopsListeningWhenClosed() {
            service = DemoService.start("primary", ServiceBehaviour.healthy("v1"));
            assertThat(service.isRunning()).isTrue();
            service.close();
            assertThat(service.isRunning()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> get("/")).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class ErrorSpreading {
        @Test
        void failsExactlyThePercentAskedOverAnyMultipleOfItsPeriod() {
            assertThat(LongStream.range(0, 1000).filter(n -> DemoService.failsRequest(n, 10)).count()).isEqualTo(100);
            assertThat(LongStream.range(0, 1000).filter(n -> DemoService.failsRequest(n, 2.5)).count()).isEqualTo(25);
        }

        @Test
        void spreadsErrorsEvenlyInsteadOfBunchingThem() {
            assertThat(LongStream.range(0, 30).filter(n -> DemoService.failsRequest(n, 10)).toArray())
                    .containsExactly(9, 19, 29);
        }

        @Test
        void neverFailsAtZeroAndAlwaysFailsAtHundred() {
            assertThat(LongStream.range(0, 100).noneMatch(n -> DemoService.failsRequest(n, 0))).isTrue();
            assertThat(LongStream.range(0, 100).allMatch(n -> DemoService.failsRequest(n, 100))).isTrue();
        }
    }
}
