package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.CanaryRun;
import dev.canary.ProviderNotFoundException;
import dev.canary.spec.MetricResult;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
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

    @Nested
    class Alerts {
        private static final String MANIFEST = """
                apiVersion: flagger.app/v1beta1
                kind: AlertProvider
                metadata: {name: on-call, namespace: demo}
                spec: {type: slack, channel: releases, address: "https://hooks.slack.com/services/T0/B0/s3cr3t"}
                ---
                apiVersion: flagger.app/v1beta1
                kind: AlertProvider
                metadata: {name: from-secret, namespace: demo}
                spec: {type: msteams, secretRef: {name: teams-url}}
                ---
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: podinfo, namespace: demo}
                spec:
                  provider: traefik
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                  service: {port: 80}
                  analysis:
                    interval: 10s
                    stepWeight: 10
                    alerts:
                      - {name: on-call, severity: error, providerRef: {name: on-call}}
                """;

        @Test
        void registersAlertProvidersThatHaveAnAddress() {
            CanaryManifest canary = CanaryManifests.load(MANIFEST).onlyCanary();
            CanaryRun run = canary.applyTo(CanaryRun.builder()).router(new FakeRouter())
                    .target(new FakeTarget("v1", "v1")).build();
            assertThat(run.spec().analysis().alerts()).hasSize(1);
        }

        @Test
        void anAlertProviderWithoutAddressMustBeRegisteredByHand() {
            CanaryManifest canary = CanaryManifests.load(MANIFEST.replace("providerRef: {name: on-call}",
                    "providerRef: {name: from-secret}")).onlyCanary();
            assertThatThrownBy(() -> canary.applyTo(CanaryRun.builder()).router(new FakeRouter())
                    .target(new FakeTarget("v1", "v1")).build())
                    .hasMessageContaining("alertProvider(\"from-secret\"");
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
