package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.canary.spec.Routes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WeightedProxyTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private DemoService primary;
    private DemoService canary;
    private WeightedProxy proxy;

    @BeforeEach
    void start() {
        primary = DemoService.start("primary", ServiceBehaviour.healthy("v1"));
        canary = DemoService.start("canary", new ServiceBehaviour("v2", 50, Duration.ZERO));
        proxy = WeightedProxy.builder().primary(primary.uri()).canary(canary.uri())
                .kubernetesServiceNames("demo", "podinfo", 80).random(new Random(42)).start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        primary.close();
        canary.close();
    }

    private HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(proxy.uri().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code count} requests, 8 at a time, and waits for all of them. */
    private void send(int count) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture.allOf(IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> get("/"), pool))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    class Splitting {
        @Test
        void startsWithAllTrafficOnThePrimary() {
            send(50);
            assertThat(proxy.routes()).isEqualTo(Routes.PRIMARY_ONLY);
            assertThat(primary.requests()).isEqualTo(50);
            assertThat(canary.requests()).isZero();
        }

        @Test
        void drawsTheCanaryWithTheCanaryWeightsProbabilityOverTenThousandRequests() {
            Random random = new Random(7);
            long canaryDraws = IntStream.range(0, 10_000)
                    .filter(i -> WeightedProxy.choose(Routes.canary(30), random) == Upstream.CANARY).count();
            // 3 standard deviations of a binomial(10000, 0.3) are 137 requests
            assertThat(canaryDraws).isBetween(2_863L, 3_137L);
        }

        @Test
        void reallySendsTheCanaryWeightsShareOfRequestsToTheCanaryService() {
            proxy.setRoutes(Routes.canary(30));
            send(2_000);
            // 3 standard deviations of a binomial(2000, 0.3) are 62 requests
            assertThat(canary.requests()).isBetween(538L, 662L);
            assertThat(primary.requests() + canary.requests()).isEqualTo(2_000);
            TrafficSplit split = proxy.log().split(Instant.EPOCH, Instant.now().plusSeconds(60));
            assertThat(split).isEqualTo(new TrafficSplit(primary.requests(), canary.requests()));
        }

        @Test
        void sendsEverythingToTheCanaryAtFullWeightAndNothingAfterRollback() {
            proxy.setRoutes(Routes.canary(100));
            send(20);
            proxy.setRoutes(Routes.PRIMARY_ONLY);
            send(30);
            assertThat(canary.requests()).isEqualTo(20);
            assertThat(primary.requests()).isEqualTo(30);
        }
    }

    @Nested
    class Forwarding {
        @Test
        void passesTheUpstreamsStatusBodyAndHeadersBack() {
            proxy.setRoutes(Routes.canary(100));
            HttpResponse<String> first = get("/a?b=c");
            HttpResponse<String> second = get("/a?b=c");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("canary v2\n");
            assertThat(first.headers().firstValue("X-Revision")).contains("v2");
            assertThat(first.headers().firstValue("X-Upstream")).contains("canary");
            assertThat(second.statusCode()).isEqualTo(500);
        }

        @Test
        void recordsEveryRequestWithUpstreamAndStatus() {
            proxy.setRoutes(Routes.canary(100));
            send(4);
            List<ProxiedRequest> records = proxy.log().between(Instant.EPOCH, Instant.now().plusSeconds(60));
            assertThat(records).hasSize(4).allMatch(r -> r.upstream() == Upstream.CANARY && !r.mirrored());
            assertThat(records).extracting(ProxiedRequest::status).containsExactlyInAnyOrder(200, 500, 200, 500);
        }

        @Test
        void answersBadGatewayWhenTheUpstreamIsDown() {
            primary.close();
            assertThat(get("/").statusCode()).isEqualTo(502);
            assertThat(proxy.log().split(Instant.EPOCH, Instant.now().plusSeconds(60)).primary()).isEqualTo(1);
        }

        @Test
        void needsBothUpstreams() {
            assertThatThrownBy(() -> WeightedProxy.builder().primary(URI.create("http://127.0.0.1:1")).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call primary(URI) and canary(URI)");
        }
    }

    @Nested
    class Mirroring {
        @Test
        void copiesPrimaryRequestsToTheCanaryWithoutChangingTheAnswer() {
            proxy.setRoutes(Routes.mirroredToCanary());
            send(10);
            assertThat(primary.requests()).isEqualTo(10);
            await().atMost(Duration.ofSeconds(10)).until(() -> canary.requests() == 10);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    proxy.log().between(Upstream.CANARY, Instant.EPOCH, Instant.now().plusSeconds(60)).size() == 10);
            assertThat(proxy.log().between(Upstream.CANARY, Instant.EPOCH, Instant.now().plusSeconds(60)))
                    .allMatch(ProxiedRequest::mirrored);
            assertThat(proxy.log().split(Instant.EPOCH, Instant.now().plusSeconds(60)))
                    .isEqualTo(new TrafficSplit(10, 0));
        }
    }

    @Nested
    class Metrics {
        @Test
        void servesTraefikMetricsLabelledWithTheKubernetesServiceNames() {
            proxy.setRoutes(Routes.canary(100));
            send(4);
            HttpResponse<String> response = get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(response.body())
                    .contains("traefik_service_requests_total{code=\"500\",method=\"GET\",protocol=\"http\","
                            + "service=\"demo-podinfo-canary-80@kubernetescrd\"} 2")
                    .contains("traefik_service_request_duration_seconds_count{code=\"200\",method=\"GET\","
                            + "protocol=\"http\",service=\"demo-podinfo-canary-80@kubernetescrd\"} 2");
            assertThat(canary.requests()).isEqualTo(4);
        }
    }
}
