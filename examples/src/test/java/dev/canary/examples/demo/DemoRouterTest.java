package dev.canary.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.Routes;
import dev.canary.spi.RouterCapability;
import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.AbstractTrafficRouterContractTest;
import dev.canary.testkit.ContractSpecs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoRouterTest extends AbstractTrafficRouterContractTest {
    private final List<AutoCloseable> started = new ArrayList<>();

    @Override
    protected TrafficRouter router() {
        URI nowhere = URI.create("http://127.0.0.1:9");
        WeightedProxy proxy = WeightedProxy.builder().primary(nowhere).canary(nowhere).start();
        started.add(proxy);
        return new DemoRouter(proxy);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    @Test
    void declaresMirroring() {
        assertThat(router().capabilities()).containsExactly(RouterCapability.MIRRORING);
    }

    @Nested
    class OverARealProxy {
        @Test
        void settingRoutesChangesWhereTheProxySendsTheNextRequests() throws Exception {
            DemoService primary = DemoService.start("primary", ServiceBehaviour.healthy("v1"));
            DemoService canary = DemoService.start("canary", ServiceBehaviour.healthy("v2"));
            started.add(primary);
            started.add(canary);
            WeightedProxy proxy = WeightedProxy.builder().primary(primary.uri()).canary(canary.uri()).start();
            started.add(proxy);
            DemoRouter router = new DemoRouter(proxy);
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(proxy.uri()).build();

            router.setRoutes(ContractSpecs.seed(), Routes.canary(100));
            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("canary v2\n");
            router.setRoutes(ContractSpecs.seed(), Routes.PRIMARY_ONLY);
            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("primary v1\n");
            assertThat(proxy.routes()).isEqualTo(Routes.PRIMARY_ONLY);
        }
    }
}
