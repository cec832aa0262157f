package dev.canary.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.canary.examples.MockCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.internal.StateCodec;
import dev.canary.spec.Phase;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command line of {@link SeedOnKubernetes} as a user runs it, in real time: the seed manifest at a 1 s
 * interval against the mock cluster, Prometheus answered by WireMock, and the seed's {@code hey} load test sent by
 * the built-in generator to WireMock ({@code --load-url}, with {@code --load-host}). A bounded background loop
 * plays the Deployment controller and deploys the new image once the canary is initialized.
 */
class SeedOnKubernetesRunTest {
    private static final int MAX_CONTROLLER_ROUNDS = 1200;

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final MockCluster cluster = MockCluster.shared();
    private final ScheduledExecutorService controller = Executors.newSingleThreadScheduledExecutor();
    private final AtomicBoolean deployed = new AtomicBoolean();
    private final AtomicInteger rounds = new AtomicInteger();

    @BeforeEach
    void createTheWorkload() {
        cluster.reset();
        cluster.createPodinfo(MockCluster.V1);
        PrometheusStub.answer(WM, 100, 50, 600);
        WM.stubFor(get(urlPathEqualTo("/podinfo")).willReturn(ok("podinfo v2")));
        controller.scheduleWithFixedDelay(this::controllerRound, 0, 100, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stopTheController() {
        controller.shutdownNow();
    }

    /** Marks Deployments ready, and changes the image once the stored state says the canary is initialized. */
    private void controllerRound() {
        if (rounds.incrementAndGet() > MAX_CONTROLLER_ROUNDS) {
            controller.shutdown();
            return;
        }
        try {
            cluster.markDeploymentsReady();
            ConfigMap state = cluster.client().configMaps().inNamespace(NAMESPACE).withName("canary-state-podinfo")
                    .get();
            if (state != null && StateCodec.decode(state.getData().get("state.json")).phase() == Phase.INITIALIZED
                    && deployed.compareAndSet(false, true)) {
                cluster.setImage("podinfo", MockCluster.V2);
            }
        } catch (RuntimeException e) {
            // a write raced with the run's (409); the next round tries again
        }
    }

    @Test
    void promotesTheSeedCanaryAndExitsWithZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> SeedOnKubernetes.run(new String[] {
            "--prometheus", WM.baseUrl(), "--interval", "1s", "--load-url", WM.baseUrl() + "/podinfo",
            "--load-host", "podinfo.example.com"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));

        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("canary demo-canary/podinfo: router traefik, metrics from Prometheus at "
                + WM.baseUrl()).contains("TIME").contains("Succeeded: ");
        assertThat(printed).containsPattern("Progressing +50 ");
        assertThat(cluster.deployment("podinfo-primary").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage()).isEqualTo(MockCluster.V2);
        WM.verify(getRequestedFor(urlPathEqualTo("/podinfo")).withHeader("Host", equalTo("podinfo.example.com")));
    }
}
