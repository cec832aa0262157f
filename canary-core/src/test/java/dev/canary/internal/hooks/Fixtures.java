package dev.canary.internal.hooks;

import dev.canary.engine.RunState;
import dev.canary.spec.AlertSpec;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.ServiceSpec;
import dev.canary.spec.WebhookSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Specs and states for the hook tests. */
final class Fixtures {
    private Fixtures() {
    }

    static CanarySpec spec(WebhookSpec... hooks) {
        return spec(List.of(hooks), List.of());
    }

    static CanarySpec spec(List<WebhookSpec> hooks, List<AlertSpec> alerts) {
        return CanarySpec.builder("podinfo")
                .namespace("demo")
                .service(ServiceSpec.of("podinfo", 80))
                .analysis(AnalysisSpec.builder()
                        .interval(Duration.ofSeconds(10))
                        .threshold(5)
                        .maxWeight(50)
                        .stepWeight(10)
                        .webhooks(hooks)
                        .alerts(alerts)
                        .build())
                .build();
    }

    static WebhookSpec http(String name, HookType type, String url) {
        return WebhookSpec.http(name, type, URI.create(url));
    }

    static WebhookSpec http(String name, HookType type, String url, Duration timeout, int retries,
            Map<String, String> metadata) {
        return new WebhookSpec(name, type, URI.create(url), timeout, metadata, retries, false, false);
    }

    /** A run in {@code phase} at weight 20 with 1 failed check, analysing revision {@code rev-2}. */
    static RunState state(Phase phase) {
        return RunState.initial().toBuilder().phase(phase).canaryWeight(20).failedChecks(1)
                .lastAppliedRevision("rev-2").lastPromotedRevision("rev-1").build();
    }
}
