package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.ProviderException;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import dev.canary.spi.RouterCapability;
import dev.canary.testkit.ContractSpecs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TraefikRouterTest {
    static final CanarySpec SEED = ContractSpecs.seed();
    static final String TS_PATH = "/apis/traefik.io/v1alpha1/namespaces/demo-canary/traefikservices/podinfo";

    @RegisterExtension
    final MockTraefik mock = new MockTraefik();

    @Nested
    class SeedWeightSequence {
        @Test
        void writesAnExplicitPrimaryWeightAndLeavesTheCanaryOutAtZero() {
            TraefikRouter router = mock.router().build();
            router.reconcile(SEED);
            for (int weight : new int[] {5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 0}) {
                router.setRoutes(SEED, Routes.canary(weight));
                assertThat(services()).as("canary weight %d", weight).isEqualTo(weight == 0
                        ? List.of(entry("podinfo-primary", 100))
                        : List.of(entry("podinfo-primary", 100 - weight), entry("podinfo-canary", weight)));
                assertThat(router.routes(SEED)).isEqualTo(Routes.canary(weight));
            }
            assertThat(mock.schemaCheck.checked()).hasSize(12);
        }

        @Test
        void allTrafficOnTheCanaryKeepsAPrimaryEntryWithWeightZero() {
            TraefikRouter router = mock.router().build();
            router.reconcile(SEED);
            router.setRoutes(SEED, Routes.canary(100));
            assertThat(services()).isEqualTo(List.of(entry("podinfo-primary", 0), entry("podinfo-canary", 100)));
        }

        @Test
        void weightsAreReadAsRelativeLikeTraefikDoes() {
            TraefikRouter router = mock.router().build();
            router.reconcile(SEED);
            mock.replaceSpec(TraefikApiGroup.TRAEFIK_IO, "TraefikService", "demo-canary", "podinfo",
                    Map.of("weighted", Map.of("services", List.of(Map.of("name", "podinfo-primary", "weight", 3),
                            Map.of("name", "podinfo-canary")))));
            assertThat(router.routes(SEED)).isEqualTo(Routes.canary(25));
        }
    }

    @Nested
    class Reconcile {
        @Test
        void createsTheTraefikServiceNamedAfterTheApexServiceWithAllTrafficOnThePrimary() {
            mock.router().build().reconcile(SEED);
            GenericKubernetesResource ts = mock.traefikService("demo-canary", "podinfo");
            assertThat(ts.getApiVersion()).isEqualTo("traefik.io/v1alpha1");
            assertThat(ts.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "canary");
            assertThat(services()).isEqualTo(List.of(entry("podinfo-primary", 100)));
        }

        @Test
        void namesTheTraefikServiceAndItsEntriesAfterTheServiceNotTheTargetWithTheServicePort() {
            CanarySpec frontend = SEED.toBuilder().service(dev.canary.spec.ServiceSpec.of("frontend", 9898)).build();
            TraefikRouter router = mock.router().build();

            router.reconcile(frontend);
            router.setRoutes(frontend, Routes.canary(20));

            assertThat(mock.get(TraefikApiGroup.TRAEFIK_IO, "TraefikService", "demo-canary", "podinfo")).isEmpty();
            GenericKubernetesResource ts = mock.traefikService("demo-canary", "frontend");
            assertThat(ts.getKind()).isEqualTo("TraefikService");
            assertThat(Maps.path(MockTraefik.spec(ts), "weighted", "services")).isEqualTo(List.of(
                    Map.of("name", "frontend-primary", "namespace", "demo-canary", "port", 9898, "weight", 80),
                    Map.of("name", "frontend-canary", "namespace", "demo-canary", "port", 9898, "weight", 20)));
            assertThat(router.routes(frontend)).isEqualTo(Routes.canary(20));
        }

        @Test
        void repairsAWrongPortButKeepsTheCurrentWeights() {
            TraefikRouter router = mock.router().build();
            router.reconcile(SEED);
            router.setRoutes(SEED, Routes.canary(30));
            mock.replaceSpec(TraefikApiGroup.TRAEFIK_IO, "TraefikService", "demo-canary", "podinfo",
                    Map.of("weighted", Map.of("services", List.of(
                            Map.of("name", "podinfo-primary", "port", 9999, "weight", 70),
                            Map.of("name", "podinfo-canary", "port", 9999, "weight", 30)))));
            router.reconcile(SEED);
            assertThat(services()).isEqualTo(List.of(entry("podinfo-primary", 70), entry("podinfo-canary", 30)));
        }

        @Test
        void keepsMirroringWhileRepairingIt() {
            TraefikRouter router = mock.router().build();
            router.reconcile(SEED);
            router.setRoutes(SEED, Routes.mirroredToCanary());
            mock.replaceSpec(TraefikApiGroup.TRAEFIK_IO, "TraefikService", "demo-canary", "podinfo",
                    Map.of("mirroring", Map.of("name", "podinfo-primary", "port", 1,
                            "mirrors", List.of(Map.of("name", "podinfo-canary", "percent", 1)))));
            router.reconcile(SEED);
            assertThat(router.routes(SEED)).isEqualTo(Routes.mirroredToCanary());
            assertThat(Maps.path(spec(), "mirroring", "port")).isEqualTo(80);
        }

        @Test
        void startsOverOnThePrimaryWhenTheSplitCannotBeRead() {
            TraefikRouter router = mock.router().build();
            router.reconcile(SEED);
            mock.replaceSpec(TraefikApiGroup.TRAEFIK_IO, "TraefikService", "demo-canary", "podinfo",
                    Map.of("weighted", Map.of("services", List.of(Map.of("name", "someone-else", "weight", 1)))));
            router.reconcile(SEED);
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
        }

        @Test
        void writesNothingWhenNothingDriftedAndKeepsWhatOthersAddedToTheMetadata() {
            TraefikRouter router = mock.router().build();
            router.reconcile(SEED);
            router.setRoutes(SEED, Routes.canary(10));
            mock.client().genericKubernetesResources(MockTraefik.context(TraefikApiGroup.TRAEFIK_IO, "TraefikService"))
                    .inNamespace("demo-canary").withName("podinfo").edit(r -> {
                        r.getMetadata().setAnnotations(Map.of("team", "platform"));
                        return r;
                    });
            int writes = mock.schemaCheck.checked().size();
            router.reconcile(SEED);
            router.setRoutes(SEED, Routes.canary(10));
            assertThat(mock.schemaCheck.checked()).hasSize(writes);
            router.setRoutes(SEED, Routes.canary(15));
            assertThat(mock.traefikService("demo-canary", "podinfo").getMetadata().getAnnotations())
                    .containsEntry("team", "platform");
        }
    }

    @Nested
    class Mirroring {
        @Test
        void mirrorsThePrimarysTrafficToTheCanaryAtTheMirrorWeight() {
            CanarySpec spec = withAnalysis(a -> a.mirror(true).mirrorWeight(20));
            TraefikRouter router = mock.router().build();
            router.reconcile(spec);
            router.setRoutes(spec, Routes.mirroredToCanary());
            assertThat(spec().get("mirroring")).isEqualTo(Map.of("kind", "Service", "name", "podinfo-primary",
                    "namespace", "demo-canary", "port", 80, "mirrors", List.of(Map.of("name", "podinfo-canary",
                            "namespace", "demo-canary", "port", 80, "percent", 20))));
            assertThat(spec()).doesNotContainKey("weighted");
            assertThat(router.routes(spec)).isEqualTo(Routes.mirroredToCanary());
        }

        @Test
        void mirrorWeightZeroMirrorsEveryRequest() {
            CanarySpec spec = withAnalysis(a -> a.mirror(true));
            TraefikRouter router = mock.router().build();
            router.setRoutes(spec, Routes.mirroredToCanary());
            assertThat(Maps.path(spec(), "mirroring", "mirrors")).isEqualTo(List.of(Map.of("name",
                    "podinfo-canary", "namespace", "demo-canary", "port", 80, "percent", 100)));
        }

        @Test
        void switchesToWeightedAfterMirroring() {
            CanarySpec spec = withAnalysis(a -> a.mirror(true));
            TraefikRouter router = mock.router().build();
            router.reconcile(spec);
            router.setRoutes(spec, Routes.mirroredToCanary());
            router.setRoutes(spec, Routes.canary(5));
            assertThat(spec()).doesNotContainKey("mirroring");
            assertThat(router.routes(spec)).isEqualTo(Routes.canary(5));
        }

        @Test
        void refusesToMirrorWhileTheCanaryServesTraffic() {
            TraefikRouter router = mock.router().build();
            assertThatThrownBy(() -> router.setRoutes(SEED, new Routes(80, 20, true)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("set the canary weight to 0 while mirroring");
        }
    }

    @Nested
    class Errors {
        @Test
        void routesOfAMissingTraefikServiceSayWhatToDo() {
            assertThatThrownBy(() -> mock.router().build().routes(SEED))
                    .isInstanceOf(ProviderException.class)
                    .hasMessage("traefik: TraefikService demo-canary/podinfo (traefik.io/v1alpha1) does not exist; "
                            + "reconcile creates it");
        }

        @Test
        void anApiErrorNamesTheObjectAndCarriesTheStatus() {
            mock.server().expect().get().withPath(TS_PATH).andReturn(500, "etcd is down").once();
            assertThatThrownBy(() -> mock.router().build().reconcile(SEED))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.status()).isEqualTo(500);
                        assertThat(e.provider()).isEqualTo("traefik");
                    })
                    .hasMessageContaining("cannot read TraefikService demo-canary/podinfo (traefik.io/v1alpha1)");
        }

        @Test
        void aForbiddenWriteSaysWhichPermissionIsMissing() {
            mock.server().expect().post().withPath("/apis/traefik.io/v1alpha1/namespaces/demo-canary/traefikservices")
                    .andReturn(403, "forbidden").once();
            assertThatThrownBy(() -> mock.router().build().reconcile(SEED))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.status()).isEqualTo(403))
                    .hasMessageContaining("cannot create TraefikService demo-canary/podinfo")
                    .hasMessageContaining("grant get, create and update on traefikservices.traefik.io");
        }

        @Test
        void anUnreadableSplitIsAnErrorThatSaysReconcileRepairsIt() {
            TraefikRouter router = mock.router().build();
            router.reconcile(SEED);
            mock.replaceSpec(TraefikApiGroup.TRAEFIK_IO, "TraefikService", "demo-canary", "podinfo",
                    Map.of("failover", Map.of("service", "a", "fallback", "b")));
            assertThatThrownBy(() -> router.routes(SEED))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("neither spec.weighted nor spec.mirroring; reconcile repairs it");
        }
    }

    @Nested
    class ApiGroups {
        @Test
        void theLegacyGroupIsWrittenWhenConfigured() {
            TraefikRouter router = mock.router().apiGroup(TraefikApiGroup.TRAEFIK_CONTAINO_US).build();
            router.reconcile(SEED);
            router.setRoutes(SEED, Routes.canary(40));
            assertThat(mock.get(TraefikApiGroup.TRAEFIK_CONTAINO_US, "TraefikService", "demo-canary", "podinfo"))
                    .hasValueSatisfying(ts -> assertThat(ts.getApiVersion())
                            .isEqualTo("traefik.containo.us/v1alpha1"));
            assertThat(mock.get(TraefikApiGroup.TRAEFIK_IO, "TraefikService", "demo-canary", "podinfo")).isEmpty();
            assertThat(router.routes(SEED)).isEqualTo(Routes.canary(40));
            assertThat(mock.schemaCheck.checked()).isNotEmpty()
                    .allSatisfy(body -> assertThat(body).contains("traefik.containo.us/v1alpha1"));
        }
    }

    @Test
    void declaresMirroringAndHeaderAndCookieRouting() {
        assertThat(mock.router().build().capabilities()).containsExactlyInAnyOrder(RouterCapability.values());
    }

    @Test
    void closesTheClientOnlyWhenToldTo() {
        mock.router().build().close();
        assertThat(mock.routerClient().genericKubernetesResources(MockTraefik.context(TraefikApiGroup.TRAEFIK_IO,
                "TraefikService")).inNamespace("demo-canary").list().getItems()).isEmpty();
        KubernetesClient own = mock.server().createClient();
        TraefikRouter.builder(own).closeClient(true).build().close();
        assertThatThrownBy(() -> own.genericKubernetesResources(MockTraefik.context(TraefikApiGroup.TRAEFIK_IO,
                "TraefikService")).inNamespace("demo-canary").list()).isInstanceOf(RuntimeException.class);
    }

    private Map<String, Object> spec() {
        return MockTraefik.spec(mock.traefikService("demo-canary", "podinfo"));
    }

    private Object services() {
        return Maps.path(spec(), "weighted", "services");
    }

    static Map<String, Object> entry(String name, int weight) {
        return Map.of("name", name, "namespace", "demo-canary", "port", 80, "weight", weight);
    }

    static CanarySpec withAnalysis(java.util.function.UnaryOperator<AnalysisSpec.Builder> change) {
        return SEED.toBuilder().analysis(change.apply(SEED.analysis().toBuilder()).build()).build();
    }
}
