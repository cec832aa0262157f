package dev.canary.traefik;

import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.AbstractTrafficRouterContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The TrafficRouter contract for the file-provider mode, on a temporary directory. */
class TraefikFileRouterContractTest extends AbstractTrafficRouterContractTest {
    @TempDir
    Path dir;

    @Override
    protected TrafficRouter router() {
        return TraefikFileRouter.builder(dir.resolve("canary.yml")).build();
    }
}
