package dev.canary.examples;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.canary.examples.MockCluster.NAMESPACE;
import static dev.canary.examples.MockCluster.V1;
import static dev.canary.examples.MockCluster.V2;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.engine.RunState;
import dev.canary.internal.StateCodec;
import dev.canary.manifest.CanaryManifest;
import dev.canary.spec.GateResult;
import dev.canary.spec.Phase;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed manifest end to end through {@link SeedOnKubernetes#configure}: the Traefik router, the Prometheus
 * metrics provider and the Kubernetes target chosen by name through ServiceLoader, the Kubernetes state store by
 * name and a Kubernetes lease, against the fabric8 mock API server ({@link MockCluster}) and WireMock answering
 * the builtin Traefik queries ({@link PrometheusStub}).
 *
 * <p>Time is virtual: a {@link ManualScheduler} runs one tick at a time on the test thread, and between ticks the
 * test plays the Deployment controller ({@link MockCluster#markDeploymentsReady()}). The seed's {@code load-test}
 * webhook (a {@code hey} command against an in-cluster address) is answered by an in-process gate: with virtual
 * time a real load generator would have sent nothing between two ticks, which fails the hook.
 */
class SeedOnKubernetesTest {
    private static final int MAX_TICKS = 200;

    @RegisterExtension
    static final WireMockExtension PROMETHEUS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final MockCluster cluster = MockCluster.shared();
    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ExecutorService io = Executors.newFixedThreadPool(4);
    /** The canary weight in the TraefikService after each tick, consecutive repeats left out. */
    private final List<Integer> canaryWeights = new ArrayList<>();

    @BeforeEach
    void createTheWorkload() {
        cluster.reset();
        cluster.createPodinfo(V1);
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    /** Starts the seed canary, waits until it is initialized, deploys v2 and runs until the end. */
    private CanaryResult release(double successRate) {
        PrometheusStub.answer(PROMETHEUS, successRate, 50, 600);
        ClusterOptions options = ClusterOptions.parse("--prometheus", PROMETHEUS.baseUrl(), "--interval", "1s");
        CanaryManifest seed = SeedOnKubernetes.load(options);
        var chosen = seed.providers().metrics();
        Map<String, String> settings = new java.util.LinkedHashMap<>(chosen == null ? Map.of() : chosen.settings());
        settings.put("address", PROMETHEUS.baseUrl());
        CanaryExecution execution = SeedOnKubernetes.configure(seed, options, cluster.client(), clock)
                .metrics(InOrderPrometheusFactory.NAME, dev.canary.spi.ProviderConfig.of(settings))
                .gate("load-test", request -> GateResult.approve())
                .scheduler(scheduler).executor(scheduler).build().start();
        for (int i = 0; i < MAX_TICKS && execution.status().phase() != Phase.INITIALIZED; i++) {
            tick();
        }
        assertThat(execution.status().phase()).as("initialized").isEqualTo(Phase.INITIALIZED);
        cluster.setImage("podinfo", V2);
        for (int i = 0; i < MAX_TICKS && !execution.result().isDone(); i++) {
            tick();
        }
        assertThat(execution.result()).as("the run ended within %d ticks", MAX_TICKS).isDone();
        return execution.result().join();
    }

    private void tick() {
        cluster.markDeploymentsReady();
        scheduler.runNext();
        if (cluster.traefikService("podinfo").isPresent()) {
            int weight = cluster.traefikWeights("podinfo").getOrDefault("podinfo-canary", 0);
            if (canaryWeights.isEmpty() || canaryWeights.get(canaryWeights.size() - 1) != weight) {
                canaryWeights.add(weight);
            }
        }
    }

    private String image(String deployment) {
        return cluster.deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private RunState storedState() {
        ConfigMap state = cluster.client().configMaps().inNamespace(NAMESPACE).withName("canary-state-podinfo").get();
        assertThat(state).as("the state ConfigMap").isNotNull();
        return StateCodec.decode(state.getData().get("state.json"));
    }

    @Nested
    class AHealthyCanary {
        @Test
        void isPromotedAfterTheTraefikServiceWentFrom5To50Percent() {
            CanaryResult result = release(100);

            assertThat(result.phase()).as(result.reason()).isEqualTo(Phase.SUCCEEDED);
            assertThat(canaryWeights).containsExactly(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 0);
            assertThat(cluster.traefikWeights("podinfo")).containsExactly(Map.entry("podinfo-primary", 100));
        }

        @Test
        void leavesThePrimaryOnTheNewImageAndTheCanaryScaledDown() {
            release(100);

            Deployment primary = cluster.deployment("podinfo-primary");
            assertThat(image("podinfo-primary")).isEqualTo(V2);
            assertThat(primary.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom().get(0)
                    .getConfigMapRef().getName()).isEqualTo("podinfo-config-primary");
            assertThat(cluster.deployment("podinfo").getSpec().getReplicas()).isZero();
            assertThat(storedState().phase()).isEqualTo(Phase.SUCCEEDED);
        }

        @Test
        void createsTheServicesTheTraefikServicePointsAt() {
            release(100);

            assertThat(cluster.client().services().inNamespace(NAMESPACE).list().getItems())
                    .extracting(s -> s.getMetadata().getName())
                    .containsExactlyInAnyOrder("podinfo", "podinfo-primary", "podinfo-canary");
            assertThat(cluster.client().services().inNamespace(NAMESPACE).withName("podinfo-canary").get()
                    .getSpec().getSelector()).containsExactly(Map.entry("app", "podinfo"));
        }
    }

    @Nested
    class AFaultyCanary {
        @Test
        void isRolledBackWithAllTrafficOnThePrimaryAndTheCanaryScaledToZero() {
            CanaryResult result = release(90);

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(result.status().failedChecks()).isEqualTo(10);
            assertThat(canaryWeights).containsExactly(0, 5, 0);
            assertThat(cluster.traefikWeights("podinfo")).containsExactly(Map.entry("podinfo-primary", 100));
            assertThat(cluster.deployment("podinfo").getSpec().getReplicas()).isZero();
            assertThat(image("podinfo-primary")).isEqualTo(V1);
        }

        @Test
        void leavesTheFailedStateInTheConfigMapAndReleasesTheLease() {
            release(90);

            assertThat(storedState().phase()).isEqualTo(Phase.FAILED);
            assertThat(cluster.client().leases().inNamespace(NAMESPACE).withName("canary-lease-podinfo").get()
                    .getSpec().getHolderIdentity()).isNull();
        }
    }
}
