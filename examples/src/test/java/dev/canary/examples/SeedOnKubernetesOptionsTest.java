package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.LoadTest;
import dev.canary.manifest.CanaryManifest;
import dev.canary.spec.HookType;
import dev.canary.spec.WebhookSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link SeedOnKubernetes} reads and changes before a run, and its exit codes for bad input. */
class SeedOnKubernetesOptionsTest {

    @Nested
    class Loading {
        @Test
        void theBundledSeedIsTheReferenceSeedManifest() {
            CanaryManifest seed = SeedOnKubernetes.load(ClusterOptions.parse());

            assertThat(seed.spec().key()).isEqualTo("demo-canary/podinfo");
            assertThat(seed.spec().analysis().interval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(seed.providers().router().name()).isEqualTo("traefik");
            assertThat(SeedOnKubernetes.seedText()).startsWith("# The seed scenario's Canary manifest");
        }

        @Test
        void theIntervalOptionReplacesTheManifestsKeepingTheRest() {
            CanaryManifest seed = SeedOnKubernetes.load(ClusterOptions.parse("--interval", "1s"));

            assertThat(seed.spec().analysis().interval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(seed.spec().analysis().stepWeight()).isEqualTo(5);
            assertThat(seed.providers()).isEqualTo(SeedOnKubernetes.load(ClusterOptions.parse()).providers());
        }
    }

    @Nested
    class Description {
        @Test
        void namesTheProvidersAndTheObjectsOfTheRun() {
            String text = SeedOnKubernetes.describe(SeedOnKubernetes.load(ClusterOptions.parse()),
                    ClusterOptions.parse());

            assertThat(text).isEqualTo("canary demo-canary/podinfo: router traefik, metrics from Prometheus at "
                    + "http://prometheus:9090, target deployment/podinfo; state in configmap/canary-state-podinfo, "
                    + "lease canary-lease-podinfo" + System.lineSeparator() + "waiting for a new revision of "
                    + "deployment/podinfo (change its image)");
        }

        @Test
        void showsThePrometheusOfTheOptions() {
            assertThat(SeedOnKubernetes.describe(SeedOnKubernetes.load(ClusterOptions.parse()),
                    ClusterOptions.parse("--prometheus", "http://127.0.0.1:9090")))
                    .contains("metrics from Prometheus at http://127.0.0.1:9090,");
        }
    }

    @Nested
    class LoadRedirection {
        private final WebhookSpec seedHook = SeedOnKubernetes.load(ClusterOptions.parse()).spec().analysis()
                .webhooks().get(0);

        @Test
        void sendsTheHeyLoadToTheGivenUrlWithItsRateAndHost() {
            LoadTest test = SeedOnKubernetes.redirected(seedHook, URI.create("http://traefik.traefik/"),
                    "podinfo.example.com");

            assertThat(test.url()).isEqualTo(URI.create("http://traefik.traefik/"));
            assertThat(test.headers()).containsEntry("Host", "podinfo.example.com");
            assertThat(test.ratePerSecond()).isEqualTo(20);
            assertThat(test.concurrency()).isEqualTo(2);
            assertThat(test.duration()).isEqualTo(Duration.ofMinutes(10));
        }

        @Test
        void leavesHooksWithoutAHeyCommandAlone() {
            WebhookSpec gate = new WebhookSpec("approval", HookType.CONFIRM_ROLLOUT, URI.create("http://gate/"),
                    Duration.ofSeconds(10), Map.of(), 0, false, false);
            assertThat(SeedOnKubernetes.redirected(gate, URI.create("http://traefik/"), null)).isNull();
        }
    }

    @Nested
    class ExitCodes {
        @TempDir
        Path dir;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        private int run(String... args) {
            return SeedOnKubernetes.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        @Test
        void helpPrintsTheUsage() {
            assertThat(run("--help")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: SeedOnKubernetes");
        }

        @Test
        void aBadOptionIs2WithTheProblemAndTheUsage() {
            assertThat(run("--interval", "0s")).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: --interval must be at least 1s")
                    .contains("Usage: SeedOnKubernetes");
        }

        @Test
        void aBadManifestIs2WithWhatIsWrong() throws Exception {
            Path manifest = Files.writeString(dir.resolve("canary.yaml"), """
                    apiVersion: flagger.app/v1beta1
                    kind: Canary
                    metadata: {name: podinfo}
                    spec:
                      targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                      service: {port: 80}
                      analysis: {interval: 10s, stepWieght: 5}
                    """);
            assertThat(run("--manifest", manifest.toString())).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("did you mean 'stepWeight'?");
        }
    }
}
