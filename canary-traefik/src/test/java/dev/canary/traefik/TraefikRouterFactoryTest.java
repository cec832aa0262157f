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
import java.util.ServiceLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

class TraefikRouterFactoryTest {
    @RegisterExtension
    final MockTraefik mock = new MockTraefik();

    @TempDir
    Path dir;

    @Nested
    class Discovery {
        @Test
        void bothModesAreRegisteredForTheServiceLoader() {
            assertThat(ServiceLoader.load(TrafficRouter.Factory.class).stream().map(p -> p.get().name()))
                    .contains("traefik", "traefik-file");
        }

        @Test
        void theCrdModeIsPreferredWhenNoNameIsGiven() {
            assertThat(new TraefikRouterFactory().priority()).isGreaterThan(new TraefikFileRouterFactory().priority());
        }
    }

    @Nested
    class Settings {
        @Test
        void everyInvalidSettingIsReportedAtOnce() {
            ProviderConfig config = ProviderConfig.of(Map.of("apiGroup", "traefik.example", "ruleSyntax", "v9",
                    "priority", "high", "maxAttempts", "0", "kubeconfig", dir.resolve("missing").toString()));
            assertThatThrownBy(() -> new TraefikRouterFactory().create(config))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("apiGroup must be traefik.io or traefik.containo.us but was "
                            + "'traefik.example'")
                    .hasMessageContaining("ruleSyntax must be v2 or v3 but was 'v9'")
                    .hasMessageContaining("priority must be a whole number but was 'high'")
                    .hasMessageContaining("maxAttempts must be at least 1 but was 0")
                    .hasMessageContaining("kubeconfig " + dir.resolve("missing") + " is not a readable file");
        }

        @Test
        void anUnknownSettingIsAnErrorListingTheKnownOnes() {
            assertThatThrownBy(() -> new TraefikRouterFactory().create(ProviderConfig.of(Map.of("ingresRoute",
                    "podinfo"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown setting 'ingresRoute'; known settings: [apiGroup, context, "
                            + "entryPoints, ingressRoute, kubeconfig, match, maxAttempts, priority, ruleSyntax]");
        }

        @Test
        void aKubeconfigAndContextReachTheClusterWithTheConfiguredGroup() throws IOException {
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
                    users: [{name: tester, user: {token: not-a-secret}}]
                    contexts:
                      - {name: other, context: {cluster: nowhere, user: tester}}
                      - {name: mock, context: {cluster: mock, user: tester}}
                    current-context: other
                    """.formatted(mock.port()));
            ProviderConfig config = ProviderConfig.of(Map.of("kubeconfig", kubeconfig.toString(), "context", "mock",
                    "apiGroup", "traefik.containo.us"));
            try (TrafficRouter router = new TraefikRouterFactory().create(config)) {
                router.reconcile(ContractSpecs.seed());
                router.setRoutes(ContractSpecs.seed(), Routes.canary(5));
                assertThat(router.routes(ContractSpecs.seed())).isEqualTo(Routes.canary(5));
            }
            assertThat(mock.client().genericKubernetesResources(MockTraefik.context(TraefikApiGroup.TRAEFIK_CONTAINO_US,
                    "TraefikService")).inNamespace("demo-canary").withName("podinfo").get()).isNotNull();
        }
    }
}
