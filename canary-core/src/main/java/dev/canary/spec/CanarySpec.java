package dev.canary.spec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A canary release: what is released, where its traffic goes, and how it is judged. Flagger's
 * {@code Canary.spec} with the same field names and defaults.
 *
 * <p>Every instance is valid: the constructor checks the whole tree and throws
 * {@link InvalidSpecException} listing every problem at once.
 *
 * <pre>{@code
 * CanarySpec spec = CanarySpec.builder("podinfo")
 *     .namespace("demo")
 *     .service(ServiceSpec.of("podinfo", 80))
 *     .analysis(AnalysisSpec.builder()
 *         .interval(Duration.ofSeconds(10)).threshold(10).maxWeight(50).stepWeight(5)
 *         .metrics(MetricCheck.successRate(99), MetricCheck.p99LatencyMillis(500))
 *         .build())
 *     .build();
 * }</pre>
 *
 * @param name             the canary's name (a Kubernetes name); also the default target and service name
 * @param namespace        default {@value #DEFAULT_NAMESPACE}
 * @param targetRef        the workload released, default a Deployment named {@code name}
 * @param service          the service in front of it, default {@code name} port 80
 * @param analysis         how the release is judged
 * @param progressDeadline wall-clock limit on every wait for readiness, default {@link #DEFAULT_PROGRESS_DEADLINE}
 * @param skipAnalysis     promote as soon as the canary is ready, without checks
 * @param suspend          freeze the run: ticks do nothing
 * @param revertOnDeletion restore the target when the canary is deleted (Kubernetes)
 * @param provider         the router provider named in a manifest (such as {@code traefik}), if any
 * @param metricsServer    the metrics server address for builtin checks and inline queries, if any
 */
public record CanarySpec(
        String name,
        String namespace,
        TargetRef targetRef,
        ServiceSpec service,
        AnalysisSpec analysis,
        Duration progressDeadline,
        boolean skipAnalysis,
        boolean suspend,
        boolean revertOnDeletion,
        @Nullable String provider,
        @Nullable String metricsServer) {

    public static final String DEFAULT_NAMESPACE = "default";
    public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofSeconds(600);
    /** The longest progress deadline accepted. */
    public static final Duration MAX_PROGRESS_DEADLINE = Duration.ofDays(30);
    public static final int DEFAULT_PORT = 80;

    public CanarySpec {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(namespace, "namespace == null");
        Objects.requireNonNull(targetRef, "targetRef == null");
        Objects.requireNonNull(service, "service == null");
        Objects.requireNonNull(analysis, "analysis == null");
        Objects.requireNonNull(progressDeadline, "progressDeadline == null");
        List<String> problems = SpecValidator.validate(name, namespace, targetRef, service, analysis,
                progressDeadline, skipAnalysis);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(namespace + "/" + name, problems);
        }
    }

    /** {@code namespace/name}: identifies the run in state stores, leases and logs. */
    public String key() {
        return namespace + "/" + name;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        return new Builder(name).namespace(namespace).targetRef(targetRef).service(service).analysis(analysis)
                .progressDeadline(progressDeadline).skipAnalysis(skipAnalysis).suspend(suspend)
                .revertOnDeletion(revertOnDeletion).provider(provider).metricsServer(metricsServer);
    }

    /** Builds a {@link CanarySpec}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String namespace = DEFAULT_NAMESPACE;
        private @Nullable TargetRef targetRef;
        private @Nullable ServiceSpec service;
        /** Null: the default analysis, built only when none is given. */
        private @Nullable AnalysisSpec analysis;
        private Duration progressDeadline = DEFAULT_PROGRESS_DEADLINE;
        private boolean skipAnalysis;
        private boolean suspend;
        private boolean revertOnDeletion;
        private @Nullable String provider;
        private @Nullable String metricsServer;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder targetRef(TargetRef targetRef) {
            this.targetRef = targetRef;
            return this;
        }

        public Builder service(ServiceSpec service) {
            this.service = service;
            return this;
        }

        public Builder analysis(AnalysisSpec analysis) {
            this.analysis = Objects.requireNonNull(analysis, "analysis == null");
            return this;
        }

        public Builder progressDeadline(Duration progressDeadline) {
            this.progressDeadline = progressDeadline;
            return this;
        }

        public Builder skipAnalysis(boolean skipAnalysis) {
            this.skipAnalysis = skipAnalysis;
            return this;
        }

        public Builder suspend(boolean suspend) {
            this.suspend = suspend;
            return this;
        }

        public Builder revertOnDeletion(boolean revertOnDeletion) {
            this.revertOnDeletion = revertOnDeletion;
            return this;
        }

        public Builder provider(@Nullable String provider) {
            this.provider = provider;
            return this;
        }

        public Builder metricsServer(@Nullable String metricsServer) {
            this.metricsServer = metricsServer;
            return this;
        }

        /** @throws InvalidSpecException listing every problem */
        public CanarySpec build() {
            TargetRef target = targetRef != null ? targetRef : TargetRef.deployment(name);
            ServiceSpec svc = service != null ? service : ServiceSpec.of(target.name(), DEFAULT_PORT);
            return new CanarySpec(name, namespace, target, svc, analysis != null ? analysis
                    : AnalysisSpec.builder().build(), progressDeadline, skipAnalysis, suspend, revertOnDeletion, provider,
                    metricsServer);
        }
    }
}
