package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.CanaryRun;
import dev.canary.ProviderNotFoundException;
import dev.canary.spi.MetricResult;
import dev.canary.testing.FakeRouter;
import dev.canary.testing.FakeTarget;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CanaryManifestTest {
    private final CanaryManifest seed = CanaryManifests.load(Fixtures.path("seed/canary.yaml")).onlyCanary();

    @Nested
    class ApplyTo {
        @Test
        void namesTheRouterFromTheManifest() {
            assertThatThrownBy(() -> seed.applyTo(CanaryRun.builder()).build())
                    .isInstanceOf(ProviderNotFoundException.class)
                    .hasMessageStartingWith("no traffic router named 'traefik' on the class path");
        }

        @Test
        void namesTheKubernetesTarget() {
            assertThatThrownBy(() -> seed.applyTo(CanaryRun.builder()).router(new FakeRouter()).build())
                    .isInstanceOf(ProviderNotFoundException.class)
                    .hasMessageStartingWith("no deployment target named 'kubernetes' on the class path");
        }

        @Test
        void namesPrometheusForTheMetricChecks() {
            assertThatThrownBy(() -> seed.applyTo(CanaryRun.builder()).router(new FakeRouter())
                    .target(new FakeTarget("v1", "v1")).build())
                    .isInstanceOf(ProviderNotFoundException.class)
                    .hasMessageStartingWith("no metrics provider named 'prometheus' on the class path");
        }

        @Test
        void setsTheSpecAndLetsInstancesReplaceTheNamedProviders() {
            CanaryRun run = seed.applyTo(CanaryRun.builder()).router(new FakeRouter())
                    .target(new FakeTarget("v1", "v1")).metrics(query -> new MetricResult.NoData("none", "test"))
                    .build();

            assertThat(run.spec()).isEqualTo(seed.spec());
        }
    }

    @Test
    void keepsItsListsImmutable() {
        assertThatThrownBy(() -> seed.warnings().add(new ManifestProblem(1, "", 0, 0, "x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(seed.metricTemplates()).isEmpty();
        assertThat(seed.alertProviders()).isEmpty();
    }
}
