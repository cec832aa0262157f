package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The schema check the router tests rely on really rejects malformed objects. */
class CrdSchemasTest {
    static final String WEIGHTED = """
            {"apiVersion": "%s", "kind": "TraefikService",
             "metadata": {"name": "podinfo", "namespace": "demo-canary"},
             "spec": {"weighted": {"services": [
               {"name": "podinfo-primary", "namespace": "demo-canary", "port": 80, "weight": %s},
               {"name": "podinfo-canary", "kind": "%s", "port": "http", "weight": 10}]}}}
            """;

    @Nested
    class TraefikServices {
        @Test
        void aWeightedServiceAsTheRouterWritesItIsValidInEveryGroupAndVersion() {
            assertThat(CrdSchemas.problems(WEIGHTED.formatted("traefik.io/v1alpha1", 90, "Service"))).isEmpty();
            assertThat(CrdSchemas.problems(WEIGHTED.formatted("traefik.containo.us/v1alpha1", 90, "Service")))
                    .isEmpty();
        }

        @Test
        void aWeightThatIsNotANumberIsCaughtByEverySchema() {
            assertThat(CrdSchemas.problems(WEIGHTED.formatted("traefik.io/v1alpha1", "\"abc\"", "Service")))
                    .hasSize(2)
                    .allSatisfy(p -> assertThat(p).contains("/spec/weighted/services/0/weight type"))
                    .anySatisfy(p -> assertThat(p).startsWith("v3.7.9/traefik.io_traefikservices.yaml"))
                    .anySatisfy(p -> assertThat(p).startsWith("v2.11.53/traefik.io_traefikservices.yaml"));
        }

        @Test
        void aNegativeWeightIsCaughtByTheV3SchemaWhichHasAMinimum() {
            assertThat(CrdSchemas.problems(WEIGHTED.formatted("traefik.io/v1alpha1", -1, "Service")))
                    .singleElement().asString()
                    .startsWith("v3.7.9/").contains("/spec/weighted/services/0/weight minimum");
        }

        @Test
        void anUnknownServiceKindIsCaught() {
            assertThat(CrdSchemas.problems(WEIGHTED.formatted("traefik.containo.us/v1alpha1", 90, "Bogus")))
                    .singleElement().asString().contains("/spec/weighted/services/1/kind enum");
        }

        @Test
        void aMissingSpecIsCaught() {
            assertThat(CrdSchemas.problems("""
                    {"apiVersion": "traefik.io/v1alpha1", "kind": "TraefikService", "metadata": {"name": "x"}}"""))
                    .isNotEmpty().allSatisfy(p -> assertThat(p).contains("required"));
        }
    }

    @Nested
    class IngressRoutes {
        @Test
        void aRouteWithoutAKindIsCaughtOnlyByTheV2Schemas() {
            String route = """
                    {"apiVersion": "%s", "kind": "IngressRoute", "metadata": {"name": "x"},
                     "spec": {"routes": [{"match": "Host(`a`)", "services": [{"name": "s"}]}]}}""";
            assertThat(CrdSchemas.problems(route.formatted("traefik.io/v1alpha1")))
                    .singleElement().asString().startsWith("v2.11.53/").contains("required");
            assertThat(CrdSchemas.problems(route.formatted("traefik.containo.us/v1alpha1"))).hasSize(1);
        }

        @Test
        void aPriorityThatIsNotANumberIsCaught() {
            assertThat(CrdSchemas.problems("""
                    {"apiVersion": "traefik.io/v1alpha1", "kind": "IngressRoute", "metadata": {"name": "x"},
                     "spec": {"routes": [{"kind": "Rule", "match": "Host(`a`)", "priority": "high"}]}}"""))
                    .hasSize(2).allSatisfy(p -> assertThat(p).contains("/spec/routes/0/priority type"));
        }
    }
}
