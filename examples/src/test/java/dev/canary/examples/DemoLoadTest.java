package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.canary.LoadTest;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.WebhookSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoLoadTest {
    private static final URI PROXY = URI.create("http://127.0.0.1:41234");

    @Nested
    class HeyCommand {
        @Test
        void spreadsTheRateOverAtMostTenWorkers() {
            assertThat(DemoLoad.heyCommand(PROXY, 50, Duration.ofSeconds(86)))
                    .isEqualTo("hey -z 1m26s -q 5 -c 10 http://127.0.0.1:41234/");
            assertThat(DemoLoad.heyCommand(PROXY, 15, Duration.ofMinutes(2)))
                    .isEqualTo("hey -z 2m -q 1.5 -c 10 http://127.0.0.1:41234/");
            assertThat(DemoLoad.heyCommand(PROXY, 7, Duration.ofMinutes(2)))
                    .isEqualTo("hey -z 2m -q 1 -c 7 http://127.0.0.1:41234/");
        }

        @Test
        void readsBackAsTheRequestedRateForTheBuiltInGenerator() {
            for (int rps : new int[] {1, 7, 33, 50, 999, 1000}) {
                LoadTest test = LoadTest.fromHey(DemoLoad.heyCommand(PROXY, rps, Duration.ofMinutes(1)));
                assertThat(test.ratePerSecond()).as("rps %d", rps).isCloseTo(rps, within(1e-9));
                assertThat(test.url()).isEqualTo(URI.create("http://127.0.0.1:41234/"));
                assertThat(test.duration()).isEqualTo(Duration.ofMinutes(1));
            }
        }

        @Test
        void capsTheDurationAtTheGeneratorsLimitBecauseTheRunStopsItAnyway() {
            assertThat(DemoLoad.heyCommand(PROXY, 10, Duration.ofHours(3))).startsWith("hey -z 1h -q 1 -c 10 ");
        }

        @Test
        void refusesARateBelowOne() {
            assertThatThrownBy(() -> DemoLoad.heyCommand(PROXY, 0, Duration.ofMinutes(1)))
                    .hasMessage("rps must be at least 1 but was 0");
        }
    }

    @Nested
    class Hooks {
        private final CanarySpec spec = LocalDemo.spec(DemoOptions.defaults(Scenario.HEALTHY));

        @Test
        void addsARolloutLoadTestAndAPreRolloutTwinWithTheSameCommand() {
            String command = DemoLoad.heyCommand(PROXY, 50, Duration.ofMinutes(1));
            CanarySpec loaded = DemoLoad.withLoad(spec, command);
            assertThat(loaded.analysis().webhooks()).extracting(WebhookSpec::name, WebhookSpec::type)
                    .containsExactly(tuple("load-test-start", HookType.PRE_ROLLOUT),
                            tuple("load-test", HookType.ROLLOUT));
            assertThat(loaded.analysis().webhooks()).allSatisfy(hook -> {
                assertThat(hook.metadata()).isEqualTo(Map.of("type", "cmd", "cmd", command));
                assertThat(hook.url()).isNull();
            });
            assertThat(loaded.toBuilder().analysis(spec.analysis()).build()).isEqualTo(spec);
        }

        @Test
        void findsTheHeyCommandOfLoadTesterWebhooksOnly() {
            assertThat(DemoLoad.heyCommandOf(hook(Map.of("type", "cmd", "cmd", "hey -z 1m http://x/"))))
                    .isEqualTo("hey -z 1m http://x/");
            assertThat(DemoLoad.heyCommandOf(hook(Map.of("cmd", "/usr/bin/hey http://x/"))))
                    .isEqualTo("/usr/bin/hey http://x/");
            assertThat(DemoLoad.heyCommandOf(hook(Map.of("type", "bash", "cmd", "hey http://x/")))).isNull();
            assertThat(DemoLoad.heyCommandOf(hook(Map.of("type", "cmd", "cmd", "ghz --insecure x:9898")))).isNull();
            assertThat(DemoLoad.heyCommandOf(hook(Map.of()))).isNull();
        }

        private WebhookSpec hook(Map<String, String> metadata) {
            return new WebhookSpec("w", HookType.ROLLOUT, URI.create("http://loadtester/"),
                    WebhookSpec.DEFAULT_TIMEOUT, metadata, 0, false, false);
        }
    }
}
