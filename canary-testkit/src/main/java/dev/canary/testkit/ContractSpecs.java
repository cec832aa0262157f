package dev.canary.testkit;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.ServiceSpec;
import java.time.Duration;

/** Specs the SPI contract tests use; the seed configuration (interval 10s, threshold 10, step 5, max 50). */
public final class ContractSpecs {
    private ContractSpecs() {
    }

    public static CanarySpec seed() {
        return seed("podinfo", "demo-canary");
    }

    public static CanarySpec seed(String name, String namespace) {
        return CanarySpec.builder(name)
                .namespace(namespace)
                .service(ServiceSpec.of(name, 80))
                .progressDeadline(Duration.ofSeconds(60))
                .analysis(AnalysisSpec.builder()
                        .interval(Duration.ofSeconds(10))
                        .threshold(10)
                        .maxWeight(50)
                        .stepWeight(5)
                        .metrics(MetricCheck.successRate(99), MetricCheck.p99LatencyMillis(500))
                        .build())
                .build();
    }
}
