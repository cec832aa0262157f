package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.CanaryRun;
import dev.canary.ProviderNotFoundException;
import dev.canary.manifest.CanaryManifest;
import dev.canary.manifest.CanaryManifests;
import dev.canary.manifest.ManifestOptions;
import dev.canary.prometheus.PrometheusMetricsProvider;
import dev.canary.prometheus.PrometheusMetricsProviderFactory;
import dev.canary.spec.MetricCheck;
import dev.canary.spi.MetricQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flagger's own manifests (from canary-core's test resources) build a {@link CanaryRun} with nothing but
 * {@code applyTo} and the three provider modules on the class path: every name and setting the manifest layer
 * produces is accepted by the factory it names. Building creates the providers but calls no API.
 */
class FlaggerManifestsOnProvidersTest {

    @BeforeAll
    static void pointTheKubernetesClientsAtTheMockCluster() {
        MockCluster.shared();
    }

    private static String text(String file) {
        try (InputStream in = FlaggerManifestsOnProvidersTest.class.getResourceAsStream("/manifests/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test manifest " + file + " in canary-manifests' test-jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CanaryManifest load(String file, ManifestOptions options) {
        return CanaryManifests.load(text(file), options).onlyCanary();
    }

    /** The Traefik tutorial with the check on its MetricTemplate that the tutorial adds in a later step. */
    private static CanaryManifest tutorialWithTemplateCheck() {
        String text = text("flagger/traefik-tutorial.yaml");
        String metrics = "    metrics:\n";
        assertThat(text).contains(metrics);
        return CanaryManifests.load(text.replace(metrics, metrics + """
                    - name: "404s percentage"
                      templateRef:
                        name: not-found-percentage
                      thresholdRange:
                        max: 5
                      interval: 1m
                """), ManifestOptions.ofDefaults()).onlyCanary();
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed/canary.yaml", "flagger/traefik-canary-e2e.yaml", "flagger/traefik-tutorial.yaml",
        "flagger/kubernetes-bluegreen-e2e.yaml"})
    void buildsWithTheProvidersTheManifestNames(String file) {
        CanaryManifest canary = load(file, ManifestOptions.ofDefaults());

        CanaryRun run = canary.applyTo(CanaryRun.builder()).build();

        assertThat(run.spec()).isEqualTo(canary.spec());
    }

    @Test
    void aMetricTemplateOfTheManifestReachesPrometheusThroughItsSettings() {
        CanaryManifest tutorial = tutorialWithTemplateCheck();
        MetricCheck check = tutorial.spec().analysis().metrics().stream()
                .filter(m -> m.templateRef() != null).findFirst().orElseThrow();
        assertThat(tutorial.applyTo(CanaryRun.builder()).build()).isNotNull();

        try (PrometheusMetricsProvider prometheus = new PrometheusMetricsProviderFactory()
                .create(tutorial.providers().metrics().config())) {
            assertThat(prometheus.queriesFor(MetricQuery.canary(tutorial.spec(), check))).singleElement()
                    .asString().contains("service=~\"test-podinfo-canary-[0-9a-zA-Z-]+@kubernetescrd\"")
                    .contains("code!=\"404\"").contains("[1m]");
        }
    }

    @Test
    void aProviderTheLibraryDoesNotShipIsNamedWithTheRoutersThatExist() {
        CanaryManifest linkerd = load("flagger/linkerd-canary-steps.yaml", ManifestOptions.ofDefaults());

        assertThatThrownBy(() -> linkerd.applyTo(CanaryRun.builder()).build())
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("no traffic router named 'linkerd'")
                .hasMessageContaining("kubernetes").hasMessageContaining("traefik");
    }

    @Test
    void aProviderTheLibraryDoesNotShipRunsOnTraefikWhenLoadedForIt() {
        CanaryManifest linkerd = load("flagger/linkerd-canary-steps.yaml",
                ManifestOptions.builder().router("traefik").build());

        assertThat(linkerd.applyTo(CanaryRun.builder()).build().spec().provider()).isEqualTo("traefik");
    }
}
