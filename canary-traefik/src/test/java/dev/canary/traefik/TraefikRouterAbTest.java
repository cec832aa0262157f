package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.ProviderException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MatchRule;
import dev.canary.spec.Routes;
import dev.canary.spec.StringMatch;
import dev.canary.testkit.ContractSpecs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A/B routing: an IngressRoute that sends requests matching headers and cookies to the canary. */
class TraefikRouterAbTest {
    static final CanarySpec AB = ContractSpecs.seed().toBuilder().analysis(ContractSpecs.seed().analysis()
            .toBuilder().stepWeight(0).maxWeight(100).iterations(10)
            .match(List.of(new MatchRule(Map.of("x-canary", StringMatch.exact("insider")),
                    Map.of("canary", StringMatch.exact("always"))))).build()).build();
    static final String USER_ROUTE = """
            apiVersion: %s
            kind: IngressRoute
            metadata: {name: podinfo, namespace: demo-canary}
            spec:
              entryPoints: [websecure]
              routes:
                - match: Host(`app.example.com`)
                  kind: Rule
                  middlewares: [{name: strip-prefix}]
                  services: [{name: podinfo, kind: TraefikService}]
              tls: {secretName: app-tls}
            """;
    static final String COOKIE = "HeaderRegexp(`Cookie`, `(?:^|;)\\s*canary=always\\s*(?:;|$)`)";

    @RegisterExtension
    final MockTraefik mock = new MockTraefik();

    @Nested
    class CopyingTheUsersIngressRoute {
        @Test
        void sendsMatchingRequestsToTheCanaryAboveTheUsersRoute() {
            mock.create(TraefikApiGroup.TRAEFIK_IO, USER_ROUTE.formatted("traefik.io/v1alpha1"));
            TraefikRouter router = mock.router().ingressRoute("podinfo").build();
            router.reconcile(AB);
            router.setRoutes(AB, Routes.canary(100));

            Map<String, Object> spec = abRoute(TraefikApiGroup.TRAEFIK_IO).orElseThrow();
            assertThat(spec.get("entryPoints")).isEqualTo(List.of("websecure"));
            assertThat(spec.get("tls")).isEqualTo(Map.of("secretName", "app-tls"));
            Object route = Maps.list(spec.get("routes")).get(0);
            String rule = "(Host(`app.example.com`)) && ((Header(`x-canary`, `insider`) && " + COOKIE + "))";
            assertThat(Maps.string(route, "match")).isEqualTo(rule);
            assertThat(((Number) Maps.child(route, "priority")).longValue())
                    .isGreaterThan("Host(`app.example.com`)".length()).isGreaterThanOrEqualTo(rule.length());
            assertThat(Maps.child(route, "middlewares")).isEqualTo(List.of(Map.of("name", "strip-prefix")));
            assertThat(Maps.child(route, "services")).isEqualTo(List.of(
                    Map.of("name", "podinfo-canary", "namespace", "demo-canary", "port", 80)));
            assertThat(Maps.path(MockTraefik.spec(mock.traefikService("demo-canary", "podinfo")), "weighted",
                    "services")).as("requests that do not match stay on the primary")
                    .isEqualTo(List.of(TraefikRouterTest.entry("podinfo-primary", 100)));
            assertThat(router.routes(AB)).isEqualTo(Routes.canary(100));
        }

        @Test
        void removesTheAbRouteWhenTheCanaryWeightReturnsToZero() {
            mock.create(TraefikApiGroup.TRAEFIK_IO, USER_ROUTE.formatted("traefik.io/v1alpha1"));
            TraefikRouter router = mock.router().ingressRoute("podinfo").build();
            router.reconcile(AB);
            router.setRoutes(AB, Routes.canary(100));
            router.setRoutes(AB, Routes.PRIMARY_ONLY);

            assertThat(abRoute(TraefikApiGroup.TRAEFIK_IO)).isEmpty();
            assertThat(router.routes(AB)).isEqualTo(Routes.PRIMARY_ONLY);
            assertThat(mock.get(TraefikApiGroup.TRAEFIK_IO, "IngressRoute", "demo-canary", "podinfo"))
                    .as("the user's route is left alone").isPresent();
        }

        @Test
        void reconcileRepairsAnEditedAbRoute() {
            mock.create(TraefikApiGroup.TRAEFIK_IO, USER_ROUTE.formatted("traefik.io/v1alpha1"));
            TraefikRouter router = mock.router().ingressRoute("podinfo").build();
            router.setRoutes(AB, Routes.canary(100));
            mock.replaceSpec(TraefikApiGroup.TRAEFIK_IO, "IngressRoute", "demo-canary", "podinfo-canary-ab",
                    Map.of("routes", List.of(Map.of("kind", "Rule", "match", "PathPrefix(`/`)"))));
            router.reconcile(AB);
            assertThat(Maps.string(Maps.list(abRoute(TraefikApiGroup.TRAEFIK_IO).orElseThrow().get("routes"))
                    .get(0), "match")).startsWith("(Host(`app.example.com`)) && ");
        }

        @Test
        void failsAtReconcileWhenTheIngressRouteDoesNotSendTrafficToTheTraefikService() {
            mock.create(TraefikApiGroup.TRAEFIK_IO, USER_ROUTE.formatted("traefik.io/v1alpha1")
                    .replace("kind: TraefikService", "kind: Service"));
            TraefikRouter router = mock.router().ingressRoute("podinfo").build();
            assertThatThrownBy(() -> router.reconcile(AB))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("IngressRoute demo-canary/podinfo (traefik.io/v1alpha1) cannot be copied")
                    .hasMessageContaining("none of its routes sends traffic to TraefikService podinfo");
        }

        @Test
        void failsAtReconcileWhenTheIngressRouteDoesNotExist() {
            TraefikRouter router = mock.router().ingressRoute("podinfo").build();
            assertThatThrownBy(() -> router.reconcile(AB))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("IngressRoute demo-canary/podinfo (traefik.io/v1alpha1), named by the "
                            + "ingressRoute setting, does not exist");
        }
    }

    @Nested
    class FromSettings {
        @Test
        void theMatchSettingAndEntryPointsReplaceTheIngressRoute() {
            TraefikRouter router = mock.router().match("Host(`a.example.com`)").entryPoints(List.of("web"))
                    .priority(500).build();
            router.setRoutes(AB, Routes.canary(100));
            Map<String, Object> spec = abRoute(TraefikApiGroup.TRAEFIK_IO).orElseThrow();
            assertThat(spec.get("entryPoints")).isEqualTo(List.of("web"));
            assertThat(spec).doesNotContainKey("tls");
            Object route = Maps.list(spec.get("routes")).get(0);
            assertThat(Maps.string(route, "match")).startsWith("(Host(`a.example.com`)) && ");
            assertThat(Maps.child(route, "priority")).isEqualTo(500);
        }

        @Test
        void withoutAUserRouteReconcileSaysWhichSettingIsMissing() {
            TraefikRouter router = mock.router().build();
            assertThatThrownBy(() -> router.reconcile(AB))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("A/B routing of demo-canary/podinfo needs the user's route to copy: set "
                            + "`ingressRoute`");
        }

        @Test
        void reconcileRemovesAnAbRouteLeftBehindOnceTheSpecHasNoMatchRules() {
            TraefikRouter router = mock.router().match("Host(`a.example.com`)").build();
            router.setRoutes(AB, Routes.canary(100));
            router.reconcile(ContractSpecs.seed());
            assertThat(abRoute(TraefikApiGroup.TRAEFIK_IO)).isEmpty();
        }
    }

    @Nested
    class Permissions {
        @Test
        void aWeightedRunNeedsNoAccessToIngressRoutes() {
            mock.server().expect().get().withPath("/apis/traefik.io/v1alpha1/namespaces/demo-canary/ingressroutes/"
                    + "podinfo-canary-ab").andReturn(403, "forbidden").always();
            TraefikRouter router = mock.router().build();
            router.reconcile(ContractSpecs.seed());
            router.setRoutes(ContractSpecs.seed(), Routes.canary(10));
            assertThat(router.routes(ContractSpecs.seed())).isEqualTo(Routes.canary(10));
        }

        @Test
        void anAbRunReportsMissingAccessToIngressRoutes() {
            mock.server().expect().get().withPath("/apis/traefik.io/v1alpha1/namespaces/demo-canary/ingressroutes/"
                    + "podinfo-canary-ab").andReturn(403, "forbidden").always();
            TraefikRouter router = mock.router().match("Host(`a.example.com`)").build();
            assertThatThrownBy(() -> router.reconcile(AB))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.status()).isEqualTo(403))
                    .hasMessageContaining("grant get, create, update and delete on ingressroutes.traefik.io");
        }
    }

    @Nested
    class LegacyApiGroup {
        @Test
        void writesTraefikV2RulesUnderTraefikContainoUs() {
            mock.create(TraefikApiGroup.TRAEFIK_CONTAINO_US, USER_ROUTE.formatted("traefik.containo.us/v1alpha1"));
            TraefikRouter router = mock.router().apiGroup(TraefikApiGroup.TRAEFIK_CONTAINO_US)
                    .ingressRoute("podinfo").build();
            router.reconcile(AB);
            router.setRoutes(AB, Routes.canary(100));
            Object route = Maps.list(abRoute(TraefikApiGroup.TRAEFIK_CONTAINO_US).orElseThrow().get("routes")).get(0);
            assertThat(Maps.string(route, "match")).isEqualTo("(Host(`app.example.com`)) && ((Headers(`x-canary`, "
                    + "`insider`) && HeadersRegexp(`Cookie`, `(?:^|;)\\s*canary=always\\s*(?:;|$)`)))");
            assertThat(router.routes(AB)).isEqualTo(Routes.canary(100));
            router.setRoutes(AB, Routes.PRIMARY_ONLY);
            assertThat(abRoute(TraefikApiGroup.TRAEFIK_CONTAINO_US)).isEmpty();
        }

        @Test
        void theRuleSyntaxCanBeSetForTraefikV2WithTheNewGroup() {
            TraefikRouter router = mock.router().ruleSyntax(RuleSyntax.V2).match("Host(`a.example.com`)").build();
            router.setRoutes(AB, Routes.canary(100));
            Object route = Maps.list(abRoute(TraefikApiGroup.TRAEFIK_IO).orElseThrow().get("routes")).get(0);
            assertThat(Maps.string(route, "match")).contains("Headers(`x-canary`, `insider`)");
        }
    }

    private Optional<Map<String, Object>> abRoute(TraefikApiGroup group) {
        return mock.get(group, "IngressRoute", "demo-canary", "podinfo-canary-ab").map(MockTraefik::spec);
    }
}
