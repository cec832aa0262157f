package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.MetricResult;
import dev.canary.spec.Routes;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.MetricQuery;
import dev.canary.testkit.ContractSpecs;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DemoEnvironmentTest {
    private static final ServiceBehaviour V1 = ServiceBehaviour.healthy("v1");
    private static final ServiceBehaviour V2 = new ServiceBehaviour("v2", 100, Duration.ZERO);

    private static HttpResponse<String> get(DemoEnvironment env, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(env.proxy().uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bootstrapsThePrimaryWithTheCurrentRevisionAndPublishesTheNextOne() throws Exception {
        try (DemoEnvironment env = DemoEnvironment.start(ContractSpecs.seed(), V1, V2, Clock.systemUTC(),
                new Random(1))) {
            TargetStatus status = env.target().status(ContractSpecs.seed());
            assertThat(status.primaryRevision()).isEqualTo("v1");
            assertThat(status.revision()).isEqualTo("v2");
            assertThat(env.router().routes(ContractSpecs.seed())).isEqualTo(Routes.PRIMARY_ONLY);
            assertThat(get(env, "/").body()).isEqualTo("primary v1\n");
        }
    }

    @Test
    void wiresRouterAndMetricsToTheSameProxy() throws Exception {
        try (DemoEnvironment env = DemoEnvironment.start(ContractSpecs.seed(), V1, V2, Clock.systemUTC(),
                new Random(1))) {
            env.router().setRoutes(ContractSpecs.seed(), Routes.canary(100));
            assertThat(get(env, "/").statusCode()).isEqualTo(500);
            MetricResult result = env.metrics().query(MetricQuery.canary(ContractSpecs.seed(),
                    ContractSpecs.seed().analysis().metrics().get(0)));
            assertThat(result).isInstanceOfSatisfying(MetricResult.Value.class, v -> {
                assertThat(v.value()).isZero();
                assertThat(v.samples()).isEqualTo(1);
            });
            assertThat(get(env, "/metrics").body()).contains("service=\"demo-canary-podinfo-canary-80@kubernetescrd\"");
        }
    }

    @Test
    void closeStopsTheServicesAndTheProxy() {
        DemoEnvironment env = DemoEnvironment.start(ContractSpecs.seed(), V1, V2, Clock.systemUTC(), new Random(1));
        env.close();
        assertThat(env.primary().isRunning()).isFalse();
        assertThat(env.canary().isRunning()).isFalse();
        assertThat(env.proxy().log().isOpen()).isFalse();
    }
}
