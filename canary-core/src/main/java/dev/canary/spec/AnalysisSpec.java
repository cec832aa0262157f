package dev.canary.spec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a new revision is judged and how traffic moves: Flagger's {@code spec.analysis}, with its defaults.
 * Create one with {@link #builder()}; validation happens when the enclosing {@link CanarySpec} is built,
 * so that every problem is reported at once.
 *
 * @param interval              time between ticks, default {@link #DEFAULT_INTERVAL}, at least 1 s
 * @param threshold             failed checks (cumulative over the run) that roll back, default 1
 * @param maxWeight             ceiling of the canary weight in percent, default 100; never exceeded
 * @param stepWeight            weight added per passing tick (canary strategy)
 * @param stepWeights           explicit weight ladder, strictly increasing (canary strategy)
 * @param stepWeightPromotion   weight moved back to the primary per tick after promotion; 0 = all at once
 * @param iterations            analysis ticks for blue/green and A/B
 * @param match                 A/B match rules (with {@code iterations})
 * @param mirror                mirror traffic to the canary before shifting (canary) or while iterating (B/G)
 * @param mirrorWeight          percentage of requests mirrored, 0 means 100
 * @param primaryReadyThreshold percent of primary replicas that must be available, default 100
 * @param canaryReadyThreshold  percent of canary replicas that must be available, default 100
 * @param rollbackTiming        when the threshold rolls back, default {@link RollbackTiming#SAME_TICK}
 */
public record AnalysisSpec(
        Duration interval,
        int threshold,
        int maxWeight,
        int stepWeight,
        List<Integer> stepWeights,
        int stepWeightPromotion,
        int iterations,
        List<MatchRule> match,
        boolean mirror,
        int mirrorWeight,
        int primaryReadyThreshold,
        int canaryReadyThreshold,
        List<MetricCheck> metrics,
        List<WebhookSpec> webhooks,
        List<AlertSpec> alerts,
        RollbackTiming rollbackTiming) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** The longest interval accepted. */
    public static final Duration MAX_INTERVAL = Duration.ofHours(24);
    public static final int DEFAULT_THRESHOLD = 1;
    public static final int DEFAULT_MAX_WEIGHT = 100;
    public static final int DEFAULT_READY_THRESHOLD = 100;

    public AnalysisSpec {
        Objects.requireNonNull(interval, "interval == null");
        Objects.requireNonNull(rollbackTiming, "rollbackTiming == null");
        stepWeights = List.copyOf(stepWeights);
        match = List.copyOf(match);
        metrics = List.copyOf(metrics);
        webhooks = List.copyOf(webhooks);
        alerts = List.copyOf(alerts);
    }

    /** The strategy, derived as Flagger derives it: match + iterations = A/B, iterations = B/G. */
    public Strategy strategy() {
        if (iterations > 0 && !match.isEmpty()) {
            return Strategy.AB_TESTING;
        }
        return iterations > 0 ? Strategy.BLUE_GREEN : Strategy.CANARY;
    }

    /** The weight ceiling: the last entry of {@code stepWeights} when set (at most 100), else {@code maxWeight}. */
    public int effectiveMaxWeight() {
        if (!stepWeights.isEmpty()) {
            return Math.min(100, stepWeights.get(stepWeights.size() - 1));
        }
        return maxWeight;
    }

    /** The webhooks of one type, in spec order. */
    public List<WebhookSpec> webhooks(HookType type) {
        // asked several times per tick by the engine: no stream, and no list at all for a spec without hooks
        if (webhooks.isEmpty()) {
            return List.of();
        }
        List<WebhookSpec> ofType = new java.util.ArrayList<>(webhooks.size());
        for (WebhookSpec hook : webhooks) {
            if (hook.type() == type) {
                ofType.add(hook);
            }
        }
        return java.util.Collections.unmodifiableList(ofType);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().interval(interval).threshold(threshold).maxWeight(maxWeight)
                .stepWeight(stepWeight).stepWeights(stepWeights).stepWeightPromotion(stepWeightPromotion)
                .iterations(iterations).match(match).mirror(mirror).mirrorWeight(mirrorWeight)
                .primaryReadyThreshold(primaryReadyThreshold).canaryReadyThreshold(canaryReadyThreshold)
                .metrics(metrics).webhooks(webhooks).alerts(alerts).rollbackTiming(rollbackTiming);
    }

    /** Builds an {@link AnalysisSpec} with Flagger's defaults; not thread-safe. */
    public static final class Builder {
        private Duration interval = DEFAULT_INTERVAL;
        private int threshold = DEFAULT_THRESHOLD;
        private int maxWeight = DEFAULT_MAX_WEIGHT;
        private int stepWeight;
        private List<Integer> stepWeights = List.of();
        private int stepWeightPromotion;
        private int iterations;
        private List<MatchRule> match = List.of();
        private boolean mirror;
        private int mirrorWeight;
        private int primaryReadyThreshold = DEFAULT_READY_THRESHOLD;
        private int canaryReadyThreshold = DEFAULT_READY_THRESHOLD;
        private List<MetricCheck> metrics = List.of();
        private List<WebhookSpec> webhooks = List.of();
        private List<AlertSpec> alerts = List.of();
        private RollbackTiming rollbackTiming = RollbackTiming.SAME_TICK;

        private Builder() {
        }

        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder threshold(int threshold) {
            this.threshold = threshold;
            return this;
        }

        public Builder maxWeight(int maxWeight) {
            this.maxWeight = maxWeight;
            return this;
        }

        public Builder stepWeight(int stepWeight) {
            this.stepWeight = stepWeight;
            return this;
        }

        public Builder stepWeights(List<Integer> stepWeights) {
            this.stepWeights = stepWeights;
            return this;
        }

        public Builder stepWeights(Integer... stepWeights) {
            return stepWeights(List.of(stepWeights));
        }

        public Builder stepWeightPromotion(int stepWeightPromotion) {
            this.stepWeightPromotion = stepWeightPromotion;
            return this;
        }

        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        public Builder match(List<MatchRule> match) {
            this.match = match;
            return this;
        }

        public Builder mirror(boolean mirror) {
            this.mirror = mirror;
            return this;
        }

        public Builder mirrorWeight(int mirrorWeight) {
            this.mirrorWeight = mirrorWeight;
            return this;
        }

        public Builder primaryReadyThreshold(int percent) {
            this.primaryReadyThreshold = percent;
            return this;
        }

        public Builder canaryReadyThreshold(int percent) {
            this.canaryReadyThreshold = percent;
            return this;
        }

        public Builder metrics(List<MetricCheck> metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder metrics(MetricCheck... metrics) {
            return metrics(List.of(metrics));
        }

        public Builder webhooks(List<WebhookSpec> webhooks) {
            this.webhooks = webhooks;
            return this;
        }

        public Builder webhooks(WebhookSpec... webhooks) {
            return webhooks(List.of(webhooks));
        }

        public Builder alerts(List<AlertSpec> alerts) {
            this.alerts = alerts;
            return this;
        }

        public Builder rollbackTiming(RollbackTiming rollbackTiming) {
            this.rollbackTiming = rollbackTiming;
            return this;
        }

        public AnalysisSpec build() {
            return new AnalysisSpec(interval, threshold, maxWeight, stepWeight, stepWeights, stepWeightPromotion,
                    iterations, match, mirror, mirrorWeight, primaryReadyThreshold, canaryReadyThreshold, metrics,
                    webhooks, alerts, rollbackTiming);
        }
    }
}
