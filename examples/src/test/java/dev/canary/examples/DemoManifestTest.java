package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.canary.manifest.ManifestException;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.WebhookSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoManifestTest {

    @Nested
    class Seed {
        private final DemoManifest seed = DemoManifest.load(DemoManifest.SEED);

        @Test
        void isTheSeedScenariosCanaryWithItsNamesAndSettings() {
            CanarySpec spec = seed.manifest().spec();
            assertThat(spec.key()).isEqualTo("demo-canary/podinfo");
            assertThat(spec.service().name()).isEqualTo("podinfo");
            assertThat(spec.service().port()).isEqualTo(80);
            assertThat(spec.progressDeadline()).isEqualTo(Duration.ofSeconds(60));
            assertThat(spec.provider()).isEqualTo("traefik");
            AnalysisSpec analysis = spec.analysis();
            assertThat(analysis.interval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(analysis.threshold()).isEqualTo(10);
            assertThat(analysis.maxWeight()).isEqualTo(50);
            assertThat(analysis.stepWeight()).isEqualTo(5);
            assertThat(analysis.metrics()).extracting(MetricCheck::name, MetricCheck::interval)
                    .containsExactly(tuple(MetricCheck.REQUEST_SUCCESS_RATE,
                                    Duration.ofMinutes(1)),
                            tuple(MetricCheck.REQUEST_DURATION, Duration.ofMinutes(1)));
            assertThat(analysis.metrics().get(0).thresholdRange().min()).isEqualTo(99.0);
            assertThat(analysis.metrics().get(1).thresholdRange().max()).isEqualTo(500.0);
        }

        @Test
        void loadsThroughItsHeyLoadTestOnTheClusterService() {
            WebhookSpec hook = seed.manifest().spec().analysis().webhooks().get(0);
            assertThat(hook.name()).isEqualTo("load-test");
            assertThat(hook.type()).isEqualTo(HookType.ROLLOUT);
            assertThat(hook.metadata()).containsEntry("cmd", "hey -z 10m -q 10 -c 2 http://podinfo.demo-canary:9898/");
        }

        @Test
        void saysWhereItComesFrom() {
            assertThat(seed.source()).contains("seed manifest", "reference/seed/canary.yaml");
            assertThat(DemoManifest.seedText()).startsWith("# The seed scenario's Canary manifest, copied")
                    .contains("kind: Canary");
        }
    }

    @Nested
    class FromFiles {
        @TempDir
        Path dir;

        @Test
        void readsAManifestFileAndKeepsAShortIntervalDownToOneSecond() throws Exception {
            Path file = dir.resolve("canary.yaml");
            Files.writeString(file, DemoManifest.seedText().replace("interval: 10s", "interval: 2s"));
            DemoManifest manifest = DemoManifest.load(file.toString());
            assertThat(manifest.source()).isEqualTo(file.toString());
            assertThat(manifest.manifest().spec().analysis().interval()).isEqualTo(Duration.ofSeconds(2));
        }

        @Test
        void refusesAPathWithoutAFileNamingIt() {
            assertThatThrownBy(() -> DemoManifest.load(dir.resolve("nope.yaml").toString()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("there is no file " + dir.resolve("nope.yaml").toAbsolutePath())
                    .hasMessageEndingWith("give the path of a Flagger Canary manifest, or 'seed' for the bundled "
                            + "seed manifest");
        }

        @Test
        void reportsWhatIsWrongWithAnInvalidManifest() throws Exception {
            Path file = dir.resolve("bad.yaml");
            Files.writeString(file, DemoManifest.seedText().replace("stepWeight: 5",
                    "stepWieght: 5"));
            assertThatThrownBy(() -> DemoManifest.load(file.toString())).isInstanceOf(ManifestException.class)
                    .hasMessageContaining("unknown field 'stepWieght'; did you mean 'stepWeight'?");
        }
    }
}
