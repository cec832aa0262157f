package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.canary.LoadTest;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.WebhookSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ManifestAdapterTest {
    private static final URI PROXY = URI.create("http://127.0.0.1:40933");
    private static final CanarySpec SEED = DemoManifest.load(DemoManifest.SEED).manifest().spec();

    @Nested
    class FasterInterval {
        private final ManifestAdapter.Adapted adapted = ManifestAdapter.adapt(SEED, Duration.ofSeconds(2), PROXY);

        @Test
        void replacesTheIntervalAndScalesTheMetricWindowsByTheSameFactor() {
            assertThat(adapted.spec().analysis().interval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(adapted.spec().analysis().metrics()).extracting(MetricCheck::interval)
                    .containsOnly(Duration.ofSeconds(12));
            assertThat(adapted.changes()).contains("analysis.interval 10s -> 2s (--interval)",
                    "metrics request-success-rate, request-duration: interval 1m -> 12s (scaled with "
                            + "analysis.interval, at least 2 intervals)");
        }

        @Test
        void keepsAWindowOfAtLeastTwoIntervals() {
            CanarySpec shortWindows = SEED.toBuilder().analysis(SEED.analysis().toBuilder().metrics(
                    SEED.analysis().metrics().stream().map(m -> m.toBuilder().interval(Duration.ofSeconds(10)).build())
                            .toList()).build()).build();
            assertThat(ManifestAdapter.adapt(shortWindows, Duration.ofSeconds(1), PROXY).spec().analysis().metrics())
                    .extracting(MetricCheck::interval).containsOnly(Duration.ofSeconds(2));
        }

        @Test
        void keepsTheNamesStepsThresholdAndCheckBounds() {
            CanarySpec spec = adapted.spec();
            assertThat(spec.key()).isEqualTo("demo-canary/podinfo");
            assertThat(spec.service()).isEqualTo(SEED.service());
            assertThat(spec.progressDeadline()).isEqualTo(Duration.ofSeconds(60));
            assertThat(spec.analysis().threshold()).isEqualTo(10);
            assertThat(spec.analysis().stepWeight()).isEqualTo(5);
            assertThat(spec.analysis().maxWeight()).isEqualTo(50);
            assertThat(spec.analysis().metrics()).extracting(MetricCheck::thresholdRange)
                    .containsExactlyElementsOf(SEED.analysis().metrics().stream().map(MetricCheck::thresholdRange)
                            .toList());
        }
    }

    @Nested
    class HeyLoadTest {
        private final ManifestAdapter.Adapted adapted = ManifestAdapter.adapt(SEED, null, PROXY);

        @Test
        void pointsTheHeyCommandAtTheProxyKeepingItsRateAndDuration() {
            WebhookSpec hook = hook(adapted.spec(), "load-test");
            assertThat(hook.metadata()).containsEntry("cmd", "hey -z 10m -q 10 -c 2 http://127.0.0.1:40933/");
            LoadTest test = LoadTest.fromHey(hook.metadata().get("cmd"));
            assertThat(test.ratePerSecond()).isEqualTo(20);
            assertThat(test.duration()).isEqualTo(Duration.ofMinutes(10));
            assertThat(adapted.changes()).contains("webhook load-test: hey target http://podinfo.demo-canary:9898/ -> "
                    + "http://127.0.0.1:40933/ (the demo proxy stands in for the cluster service)");
        }

        @Test
        void startsTheSameCommandAtTheFirstStepThroughAPreRolloutTwin() {
            assertThat(adapted.spec().analysis().webhooks()).extracting(WebhookSpec::name, WebhookSpec::type)
                    .containsExactly(tuple("load-test-start", HookType.PRE_ROLLOUT),
                            tuple("load-test", HookType.ROLLOUT));
            assertThat(hook(adapted.spec(), "load-test-start").metadata())
                    .isEqualTo(hook(adapted.spec(), "load-test").metadata());
            assertThat(adapted.answered()).isEmpty();
        }

        @Test
        void changesNothingElseWithoutAnInterval() {
            assertThat(adapted.spec().analysis().interval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(adapted.spec().analysis().metrics()).isEqualTo(SEED.analysis().metrics());
            assertThat(adapted.changes()).hasSize(2).noneMatch(change -> change.contains("interval"));
        }

        @Test
        void keepsThePathAndQueryOfTheTarget() {
            CanarySpec spec = withHooks(cmdHook("load", HookType.ROLLOUT,
                    "hey -z 1m -q 5 -c 1 http://podinfo.test:9898/api/info?x=1"));
            assertThat(hook(ManifestAdapter.adapt(spec, null, PROXY).spec(), "load").metadata())
                    .containsEntry("cmd", "hey -z 1m -q 5 -c 1 http://127.0.0.1:40933/api/info?x=1");
        }

        @Test
        void addsNoTwinWhenAPreRolloutHookAlreadyStartsTheCommand() {
            String cmd = "hey -z 1m -q 5 -c 1 http://podinfo.test/";
            CanarySpec spec = withHooks(cmdHook("warm", HookType.PRE_ROLLOUT, cmd), cmdHook("load", HookType.ROLLOUT,
                    cmd));
            assertThat(ManifestAdapter.adapt(spec, null, PROXY).spec().analysis().webhooks())
                    .extracting(WebhookSpec::name).containsExactly("warm", "load");
        }
    }

    @Nested
    class OtherWebhooks {
        @Test
        void areAnsweredByTheDemoBecauseTheirReceiversAreInTheCluster() {
            CanarySpec spec = withHooks(
                    WebhookSpec.http("acceptance-test", HookType.PRE_ROLLOUT, URI.create("http://loadtester.test/")),
                    WebhookSpec.http("kill-switch", HookType.ROLLBACK, URI.create("http://loadtester.test/")));
            ManifestAdapter.Adapted adapted = ManifestAdapter.adapt(spec, null, PROXY);
            assertThat(adapted.answered()).containsExactlyInAnyOrder("acceptance-test", "kill-switch");
            assertThat(adapted.spec().analysis().webhooks()).isEqualTo(spec.analysis().webhooks());
            assertThat(adapted.changes()).containsExactly(
                    "webhook acceptance-test (pre-rollout): answered 'approve' by the demo, its receiver is in the "
                            + "cluster",
                    "webhook kill-switch (rollback): answered 'no rollback' by the demo, its receiver is in the "
                            + "cluster");
        }
    }

    @Nested
    class Problems {
        @Test
        void noneForTheSeed() {
            assertThat(ManifestAdapter.problems(SEED)).isEmpty();
        }

        @Test
        void aCheckTheProxyCannotMeasure() {
            List<MetricCheck> metrics = new ArrayList<>(SEED.analysis().metrics());
            metrics.add(MetricCheck.builder("not-found-percentage").query("sum(rate(x[1m]))")
                    .thresholdRange(ThresholdRange.atMost(5)).build());
            CanarySpec spec = SEED.toBuilder().analysis(SEED.analysis().toBuilder().metrics(metrics).build()).build();
            assertThat(ManifestAdapter.problems(spec)).containsExactly("metric 'not-found-percentage' needs a query "
                    + "or MetricTemplate, but the demo measures only the builtin request-success-rate and "
                    + "request-duration at its proxy; remove it to run the manifest in the demo");
        }

        @Test
        void aHeyCommandTheBuiltInGeneratorCannotRun() {
            CanarySpec spec = withHooks(cmdHook("load-test", HookType.ROLLOUT,
                    "hey -z 10m -q 10 -c 2 -h2 http://traefik.traefik"));
            assertThat(ManifestAdapter.problems(spec)).singleElement().asString()
                    .startsWith("webhook 'load-test': hey flag -h2 is not supported by the built-in load generator");
        }
    }

    private static CanarySpec withHooks(WebhookSpec... hooks) {
        return SEED.toBuilder().analysis(SEED.analysis().toBuilder().webhooks(hooks).build()).build();
    }

    private static WebhookSpec cmdHook(String name, HookType type, String cmd) {
        return new WebhookSpec(name, type, URI.create("http://flagger-loadtester.test/"), WebhookSpec.DEFAULT_TIMEOUT,
                Map.of("type", "cmd", "cmd", cmd), 0, false, false);
    }

    private static WebhookSpec hook(CanarySpec spec, String name) {
        return spec.analysis().webhooks().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }
}
