package dev.canary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar canary-cli-<version>-all.jar run} with only the providers inside the jar, all on loopback: the
 * Kubernetes target against fabric8's mock API server (a stand-in controller marks Deployments ready), the
 * Prometheus provider against a stand-in of Prometheus' query API, and the {@code traefik-file} router writing a
 * Traefik dynamic-configuration file. The manifest's target already has a primary of an unknown revision, so the
 * run starts at once; it ticks every one or two seconds.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class CanaryJarRunIT {
    private static final String NS = "test";

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;
    private HttpServer prometheus;
    private final ScheduledExecutorService controller = Executors.newSingleThreadScheduledExecutor();
    private volatile double successRate = 99.9;

    @BeforeEach
    void startTheStandIns() throws IOException {
        client.apps().deployments().inNamespace(NS).resource(deployment("podinfo", "6.0.1")).create();
        client.apps().deployments().inNamespace(NS).resource(deployment("podinfo-primary", "6.0.0")).create();
        controller.scheduleWithFixedDelay(this::markDeploymentsReady, 0, 100, TimeUnit.MILLISECONDS);
        prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        prometheus.createContext("/api/v1/query", this::query);
        prometheus.start();
    }

    @AfterEach
    void stopTheStandIns() {
        controller.shutdownNow();
        prometheus.stop(0);
    }

    private static Deployment deployment(String name, String version) {
        Map<String, String> labels = Map.of("app", name.replace("-primary", ""));
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec().addNewContainer()
                .withName("podinfo").withImage("ghcr.io/stefanprodan/podinfo:" + version).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    /** What the Deployment controller reports once every replica is updated and available. */
    private void markDeploymentsReady() {
        try {
            for (Deployment d : client.apps().deployments().inNamespace(NS).list().getItems()) {
                int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                var status = d.getStatus();
                if (status != null && Integer.valueOf(replicas).equals(status.getReadyReplicas())
                        && java.util.Objects.equals(status.getObservedGeneration(), d.getMetadata().getGeneration())) {
                    continue;
                }
                client.apps().deployments().inNamespace(NS).withName(d.getMetadata().getName()).editStatus(x -> {
                    x.setStatus(new DeploymentStatusBuilder().withObservedGeneration(x.getMetadata().getGeneration())
                            .withReplicas(replicas).withUpdatedReplicas(replicas).withAvailableReplicas(replicas)
                            .withReadyReplicas(replicas).build());
                    return x;
                });
            }
        } catch (RuntimeException e) {
            // a write that raced with the run's own: the next round marks it
        }
    }

    /** Prometheus' instant query API: the success rate for the success-rate query, 120 (ms) for the latency. */
    private void query(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = "";
        for (String pair : form.split("&")) {
            if (pair.startsWith("query=")) {
                query = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        double value = query.contains("histogram_quantile") ? 120 : successRate;
        byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                + "\"value\":[" + System.currentTimeMillis() / 1000.0 + ",\"" + value + "\"]}]}}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private CanaryJarIT.JarRun run(String manifest, String interval) throws Exception {
        Path routes = dir.resolve("dynamic.yaml");
        return CanaryJarIT.JarRun.of(List.of("-Dkubernetes.master=" + client.getMasterUrl(),
                        "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false",
                        "-Dkubernetes.namespace=" + NS),
                "run", Cli.manifest(manifest), "--interval", interval, "--router", "traefik-file",
                "--set", "router.file=" + routes,
                "--set", "metrics.address=http://127.0.0.1:" + prometheus.getAddress().getPort());
    }

    @Test
    void aHealthyReleaseIsPromotedAndExitsZero() throws Exception {
        // threshold 5 and 2 s ticks: a query that misses its deadline on a loaded machine does not roll it back
        CanaryJarIT.JarRun run = run("jar-run.yaml", "2s");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("(?m)^\\S+\\s+Progressing\\s+50\\s")
                .contains("test/podinfo Succeeded");
        assertThat(Files.readString(dir.resolve("dynamic.yaml"))).contains("podinfo-primary").contains("weight: 100")
                .doesNotContain("podinfo-canary");
        assertThat(client.apps().deployments().inNamespace(NS).withName("podinfo-primary").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":6.0.1");
    }

    @Test
    void aFailingReleaseIsRolledBackAndExitsOne() throws Exception {
        successRate = 90;

        CanaryJarIT.JarRun run = run("healthy.yaml", "1s");

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("test/podinfo Failed").contains("request-success-rate");
        assertThat(Files.readString(dir.resolve("dynamic.yaml"))).contains("weight: 100")
                .doesNotContain("podinfo-canary");
        assertThat(client.apps().deployments().inNamespace(NS).withName("podinfo-primary").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":6.0.0");
    }
}
