package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.AbstractTrafficRouterContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TrafficRouter contract for the CRD mode, against the fabric8 mock API server. */
class TraefikRouterContractTest extends AbstractTrafficRouterContractTest {
    @RegisterExtension
    final MockTraefik mock = new MockTraefik();

    @AfterEach
    void everyTestWroteObjects() {
        assertThat(mock.schemaCheck.checked()).isNotEmpty();
    }

    @Override
    protected TrafficRouter router() {
        return mock.router().build();
    }
}
