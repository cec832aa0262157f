package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canary.ProviderException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MatchRule;
import dev.canary.spec.Routes;
import dev.canary.spec.StringMatch;
import dev.canary.spi.RouterCapability;
import dev.canary.testkit.ContractSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraefikFileRouterTest {
    static final CanarySpec SEED = ContractSpecs.seed();
    static final String OTHER_CONTENT = """
            # routers and services the user maintains
            http:
              routers:
                app:
                  entryPoints: [web]
                  rule: Host(`app.example.com`) && PathPrefix(`/api`)
                  service: podinfo
                  middlewares: [strip]
              middlewares:
                strip:
                  stripPrefix: {prefixes: [/api]}
              services:
                podinfo-primary:
                  loadBalancer: {servers: [{url: "http://127.0.0.1:8081/"}]}
                podinfo-canary:
                  loadBalancer: {servers: [{url: "http://127.0.0.1:8082/"}]}
            tcp:
              routers:
                db: {rule: "HostSNI(`*`)", service: db}
            """;

    @TempDir
    Path dir;

    @Nested
    class Weights {
        @Test
        void writesTheWeightedServiceAsTraefikReadsItThroughTheSeedSequence() throws IOException {
            TraefikFileRouter router = TraefikFileRouter.builder(file()).build();
            router.reconcile(SEED);
            for (int weight : new int[] {5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 0}) {
                router.setRoutes(SEED, Routes.canary(weight));
                assertThat(Maps.path(parse(), "http", "services", "podinfo", "weighted", "services"))
                        .as("canary weight %d", weight).isEqualTo(weight == 0
                                ? List.of(Map.of("name", "podinfo-primary", "weight", 100))
                                : List.of(Map.of("name", "podinfo-primary", "weight", 100 - weight),
                                        Map.of("name", "podinfo-canary", "weight", weight)));
                assertThat(router.routes(SEED)).isEqualTo(Routes.canary(weight));
            }
        }

        @Test
        void keepsEverythingElseInTheFile() throws IOException {
            Files.writeString(file(), OTHER_CONTENT);
            Map<String, Object> before = parse();
            TraefikFileRouter router = TraefikFileRouter.builder(file()).build();
            router.reconcile(SEED);
            router.setRoutes(SEED, Routes.canary(20));

            Map<String, Object> after = parse();
            assertThat(Maps.path(after, "http", "routers")).isEqualTo(Maps.path(before, "http", "routers"));
            assertThat(Maps.path(after, "http", "middlewares")).isEqualTo(Maps.path(before, "http", "middlewares"));
            assertThat(Maps.path(after, "http", "services", "podinfo-canary"))
                    .isEqualTo(Maps.path(before, "http", "services", "podinfo-canary"));
            assertThat(after.get("tcp")).isEqualTo(before.get("tcp"));
            assertThat(Maps.path(after, "http", "routers", "app", "rule"))
                    .isEqualTo("Host(`app.example.com`) && PathPrefix(`/api`)");
        }

        @Test
        void reconcileKeepsTheWeightsAndDropsEntriesItDoesNotOwn() throws IOException {
            Files.writeString(file(), """
                    http:
                      services:
                        podinfo:
                          weighted:
                            services:
                              - {name: podinfo-primary, weight: 70}
                              - {name: podinfo-canary, weight: 30}
                              - {name: podinfo-old, weight: 5}
                    """);
            TraefikFileRouter router = TraefikFileRouter.builder(file()).build();
            router.reconcile(SEED);
            assertThat(Maps.path(parse(), "http", "services", "podinfo", "weighted", "services")).isEqualTo(List.of(
                    Map.of("name", "podinfo-primary", "weight", 70), Map.of("name", "podinfo-canary", "weight", 30)));
        }

        @Test
        void namesChildrenOfAnotherProviderWhenConfigured() throws IOException {
            TraefikFileRouter router = TraefikFileRouter.builder(file()).servicesProvider("docker").build();
            router.setRoutes(SEED, Routes.canary(10));
            assertThat(Maps.path(parse(), "http", "services", "podinfo", "weighted", "services")).isEqualTo(List.of(
                    Map.of("name", "podinfo-primary@docker", "weight", 90),
                    Map.of("name", "podinfo-canary@docker", "weight", 10)));
            assertThat(router.routes(SEED)).isEqualTo(Routes.canary(10));
        }

        @Test
        void doesNotRewriteTheFileWhenNothingChanges() throws IOException {
            TraefikFileRouter router = TraefikFileRouter.builder(file()).build();
            router.setRoutes(SEED, Routes.canary(10));
            Files.writeString(file(), Files.readString(file()) + "# a comment only a rewrite would drop\n");
            router.setRoutes(SEED, Routes.canary(10));
            router.reconcile(SEED);
            assertThat(Files.readString(file())).contains("# a comment only a rewrite would drop");
        }
    }

    @Nested
    class Mirroring {
        @Test
        void writesAMirroringServiceAndSwitchesBackToWeighted() throws IOException {
            CanarySpec spec = TraefikRouterTest.withAnalysis(a -> a.mirror(true).mirrorWeight(20));
            TraefikFileRouter router = TraefikFileRouter.builder(file()).build();
            router.reconcile(spec);
            router.setRoutes(spec, Routes.mirroredToCanary());
            assertThat(Maps.path(parse(), "http", "services", "podinfo")).isEqualTo(Map.of("mirroring", Map.of(
                    "service", "podinfo-primary",
                    "mirrors", List.of(Map.of("name", "podinfo-canary", "percent", 20)))));
            assertThat(router.routes(spec)).isEqualTo(Routes.mirroredToCanary());

            router.setRoutes(spec, Routes.canary(5));
            assertThat(Maps.path(parse(), "http", "services", "podinfo")).isEqualTo(Map.of("weighted", Map.of(
                    "services", List.of(Map.of("name", "podinfo-primary", "weight", 95),
                            Map.of("name", "podinfo-canary", "weight", 5)))));
        }
    }

    @Nested
    class Crashes {
        @Test
        void aTemporaryFileLeftByACrashBeforeTheRenameChangesNothing() throws IOException {
            TraefikFileRouter router = TraefikFileRouter.builder(file()).build();
            router.setRoutes(SEED, Routes.canary(10));
            Path leftover = dir.resolve(".canary.yml.4711.tmp");
            Files.writeString(leftover, "http:\n  services:\n    podinfo: {weighted: {services: [{name: podi");

            assertThat(router.routes(SEED)).isEqualTo(Routes.canary(10));
            router.setRoutes(SEED, Routes.canary(15));
            assertThat(router.routes(SEED)).isEqualTo(Routes.canary(15));
        }

        @Test
        void aFailedRenameLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
            Files.writeString(file(), OTHER_CONTENT);
            TraefikFileRouter.builder(file()).build().setRoutes(SEED, Routes.canary(10));
            String before = Files.readString(file());
            TraefikFileRouter crashing = new TraefikFileRouter(new DynamicConfigFile(file(), (from, to) -> {
                assertThat(Files.readString(from)).contains("weight: 20");
                throw new IOException("simulated crash before the rename");
            }), null);

            assertThatThrownBy(() -> crashing.setRoutes(SEED, Routes.canary(20)))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("the old file is unchanged")
                    .hasMessageContaining("simulated crash before the rename");
            assertThat(Files.readString(file())).isEqualTo(before);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).containsExactly(file());
            }
        }

        @Test
        void keepsTheFilesPermissionsSoTraefikCanStillReadIt() throws IOException {
            Files.writeString(file(), OTHER_CONTENT);
            Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-rw-r--"));
            TraefikFileRouter.builder(file()).build().setRoutes(SEED, Routes.canary(10));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-rw-r--");
        }
    }

    @Nested
    class Errors {
        @Test
        void refusesHeaderRoutingAndNamesTheModeThatCanDoIt() {
            CanarySpec ab = TraefikRouterTest.withAnalysis(a -> a.stepWeight(0).iterations(5)
                    .match(List.of(MatchRule.header("x-canary", StringMatch.exact("insider")))));
            TraefikFileRouter router = TraefikFileRouter.builder(file()).build();
            assertThat(router.capabilities()).containsExactly(RouterCapability.MIRRORING);
            assertThatThrownBy(() -> router.setRoutes(ab, Routes.canary(100)))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("use the `traefik` (CRD) router; the `traefik-file` router cannot route "
                            + "by header");
            assertThat(file()).doesNotExist();
        }

        @Test
        void aFileThatIsNotAMappingIsAnErrorNamingTheFile() throws IOException {
            Files.writeString(file(), "- just\n- a list\n");
            assertThatThrownBy(() -> TraefikFileRouter.builder(file()).build().reconcile(SEED))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("cannot read " + file())
                    .hasMessageContaining("not a YAML mapping");
        }

        @Test
        void routesBeforeReconcileSayWhatToDo() {
            assertThatThrownBy(() -> TraefikFileRouter.builder(file()).build().routes(SEED))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("has no http.services.podinfo; reconcile creates it");
        }
    }

    private Path file() {
        return dir.resolve("canary.yml");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse() throws IOException {
        return new YAMLMapper().readValue(file().toFile(), Map.class);
    }

    @Test
    void aRunThatNeedsHeaderRoutingIsRejectedAtBuildTimeNamingTheModeThatCan() {
        CanarySpec ab = ContractSpecs.seed().toBuilder().analysis(dev.canary.spec.AnalysisSpec.builder().iterations(5)
                .match(List.of(MatchRule.header("x-canary", StringMatch.exact("1")))).build()).build();
        assertThatThrownBy(() -> dev.canary.CanaryRun.builder().spec(ab)
                .router(TraefikFileRouter.builder(file()).build())
                .target(new dev.canary.testkit.FakeTarget("v1", "v1")).build())
                .isInstanceOf(dev.canary.spec.InvalidSpecException.class)
                .hasMessageContaining("analysis.match needs header routing: use the `traefik` (CRD) router; "
                        + "the `traefik-file` router cannot route by header");
    }
}
