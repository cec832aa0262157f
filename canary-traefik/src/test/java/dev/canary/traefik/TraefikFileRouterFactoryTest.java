package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.Routes;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.ContractSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraefikFileRouterFactoryTest {
    @TempDir
    Path dir;

    @Test
    void isNamedTraefikFileAndIsAFallback() {
        assertThat(new TraefikFileRouterFactory().name()).isEqualTo("traefik-file");
        assertThat(new TraefikFileRouterFactory().priority()).isNegative();
    }

    @Test
    void withoutAFileSaysWhichSettingIsNeeded() {
        assertThatThrownBy(() -> new TraefikFileRouterFactory().create(ProviderConfig.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the setting file");
    }

    @Test
    void writesTheConfiguredFileWithTheConfiguredServicesProvider() throws IOException {
        Path file = dir.resolve("dynamic/canary.yaml");
        TrafficRouter router = new TraefikFileRouterFactory().create(ProviderConfig.of(Map.of("file",
                file.toString(), "servicesProvider", "docker")));
        router.setRoutes(ContractSpecs.seed(), Routes.canary(30));
        assertThat(Files.readString(file)).contains("podinfo-canary@docker").contains("weight: 30");
        assertThat(router.routes(ContractSpecs.seed())).isEqualTo(Routes.canary(30));
    }
}
