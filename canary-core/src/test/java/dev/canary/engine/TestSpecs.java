package dev.canary.engine;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.WebhookSpec;
import dev.canary.testkit.ContractSpecs;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/** Specs for the engine tests: variations of the seed configuration (interval 10s, threshold 10, step 5, max 50). */
final class TestSpecs {
    private TestSpecs() {
    }

    static CanarySpec seed() {
        return ContractSpecs.seed();
    }

    /** The seed spec with its analysis changed. */
    static CanarySpec analysis(UnaryOperator<AnalysisSpec.Builder> change) {
        CanarySpec seed = seed();
        return seed.toBuilder().analysis(change.apply(seed.analysis().toBuilder()).build()).build();
    }

    /** The seed spec with the spec and its analysis changed. */
    static CanarySpec spec(UnaryOperator<CanarySpec.Builder> spec, UnaryOperator<AnalysisSpec.Builder> change) {
        CanarySpec seed = seed();
        return spec.apply(seed.toBuilder().analysis(change.apply(seed.analysis().toBuilder()).build())).build();
    }

    /** The seed spec with one in-process gate per type given. */
    static CanarySpec withHooks(HookType... types) {
        return analysis(a -> a.webhooks(Arrays.stream(types).map(TestSpecs::hook).toList()));
    }

    /** The seed spec as blue/green with two iterations and one in-process gate of {@code type}. */
    static CanarySpec blueGreenWithHook(HookType type) {
        return analysis(a -> a.iterations(2).webhooks(hook(type)));
    }

    static WebhookSpec hook(HookType type) {
        return WebhookSpec.gate(type.wireName(), type);
    }
}
