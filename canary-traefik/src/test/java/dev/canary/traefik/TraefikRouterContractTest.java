package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.AbstractTrafficRouterContractTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The TrafficRouter contract for the CRD mode, against the fabric8 mock API server. */
@EnableKubernetesMockClient(crud = true, https = false)
class TraefikRouterContractTest extends AbstractTrafficRouterContractTest {
    KubernetesMockServer server;
    KubernetesClient client;
    MockTraefik mock;

    @BeforeEach
    void startMock() {
        mock = new MockTraefik(server, client);
    }

    @AfterEach
    void everyWrittenObjectMatchesTraefiksSchemas() {
        mock.close();
        assertThat(mock.schemaCheck.checked()).isNotEmpty();
        assertThat(mock.schemaCheck.problems()).isEmpty();
    }

    @Override
    protected TrafficRouter router() {
        return mock.router().build();
    }
}
