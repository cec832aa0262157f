package dev.canary.manifest;

import dev.canary.spec.AlertSpec;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.MatchRule;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.RollbackTiming;
import dev.canary.spec.WebhookSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads {@code spec.analysis} with Flagger's defaults and rules. Not thread-safe; one per Canary. */
final class AnalysisReader {
    /** Flagger's kubernetes provider runs Blue/Green with this many iterations when none are set. */
    static final int KUBERNETES_DEFAULT_ITERATIONS = 10;

    private final ManifestOptions options;
    private final @Nullable String router;
    private final List<CanaryDraft.Ref> templateRefs = new ArrayList<>();
    private final List<CanaryDraft.Ref> alertRefs = new ArrayList<>();
    private final List<MetricCheck> metrics = new ArrayList<>();
    private final List<AlertSpec> alerts = new ArrayList<>();

    AnalysisReader(ManifestOptions options, @Nullable String router) {
        this.options = options;
        this.router = router;
    }

    AnalysisSpec read(Obj a) {
        a.check(Fields.ANALYSIS);
        Doc doc = a.doc();
        int threshold = orZero(a.integer("threshold"));
        if (threshold < 0) {
            doc.warn(a.path("threshold"), a.keyLocation("threshold"), "read as 1: Flagger uses 1 for any threshold "
                    + "below 1, but was " + threshold);
        }
        int maxWeight = orZero(a.integer("maxWeight"));
        Integer primaryReady = a.integer("primaryReadyThreshold");
        Integer canaryReady = a.integer("canaryReadyThreshold");
        List<Obj> metricObjs = a.objects("metrics");
        for (Obj m : metricObjs) {
            metrics.add(CheckReader.metric(m));
        }
        List<Obj> alertObjs = a.objects("alerts");
        for (Obj al : alertObjs) {
            alerts.add(CheckReader.alert(al));
        }
        AnalysisSpec.Builder b = AnalysisSpec.builder()
                .interval(interval(a))
                .threshold(threshold <= 0 ? AnalysisSpec.DEFAULT_THRESHOLD : threshold)
                .maxWeight(maxWeight == 0 ? AnalysisSpec.DEFAULT_MAX_WEIGHT : maxWeight)
                .stepWeight(orZero(a.integer("stepWeight")))
                .stepWeights(a.integers("stepWeights"))
                .stepWeightPromotion(orZero(a.integer("stepWeightPromotion")))
                .iterations(orZero(a.integer("iterations")))
                .mirror(a.bool("mirror"))
                .mirrorWeight(orZero(a.integer("mirrorWeight")))
                .primaryReadyThreshold(primaryReady == null ? AnalysisSpec.DEFAULT_READY_THRESHOLD : primaryReady)
                .canaryReadyThreshold(canaryReady == null ? AnalysisSpec.DEFAULT_READY_THRESHOLD : canaryReady)
                .match(match(a))
                .metrics(List.copyOf(metrics))
                .webhooks(webhooks(a))
                .alerts(List.copyOf(alerts))
                .rollbackTiming(rollbackTiming(a));
        collectRefs(metricObjs, alertObjs);
        return kubernetesRules(a, b);
    }

    /** The metrics' template references, namespaces defaulting to the canary's. */
    List<CanaryDraft.Ref> templateRefs(String namespace) {
        return withNamespace(templateRefs, namespace);
    }

    List<CanaryDraft.Ref> alertRefs(String namespace) {
        return withNamespace(alertRefs, namespace);
    }

    private void collectRefs(List<Obj> metricObjs, List<Obj> alertObjs) {
        for (int i = 0; i < metrics.size() && i < metricObjs.size(); i++) {
            ObjectRef ref = metrics.get(i).templateRef();
            if (ref != null) {
                templateRefs.add(new CanaryDraft.Ref(ref, metricObjs.get(i).path("templateRef")));
            }
        }
        for (int i = 0; i < alerts.size() && i < alertObjs.size(); i++) {
            alertRefs.add(new CanaryDraft.Ref(alerts.get(i).providerRef(), alertObjs.get(i).path("providerRef")));
        }
    }

    private Duration interval(Obj a) {
        Duration interval = a.duration("interval");
        if (interval == null) {
            return AnalysisSpec.DEFAULT_INTERVAL;
        }
        if (interval.compareTo(options.minimumInterval()) < 0) {
            a.doc().warn(a.path("interval"), a.keyLocation("interval"), "raised to "
                    + dev.canary.spi.Durations.format(options.minimumInterval()) + " as Flagger does (lower "
                    + "ManifestOptions.minimumInterval to keep shorter intervals)");
            return options.minimumInterval();
        }
        return interval;
    }

    private static List<WebhookSpec> webhooks(Obj a) {
        List<Obj> objs = a.objects("webhooks");
        WebhookSpec[] webhooks = new WebhookSpec[objs.size()];
        for (int i = 0; i < webhooks.length; i++) {
            webhooks[i] = CheckReader.webhook(objs.get(i));
        }
        return List.of(webhooks);
    }

    private static List<MatchRule> match(Obj a) {
        List<Obj> objs = a.objects("match");
        if (objs.isEmpty()) {
            return List.of();
        }
        List<MatchRule> rules = new ArrayList<>(objs.size());
        for (Obj m : objs) {
            MatchRule rule = MatchReader.rule(m);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static RollbackTiming rollbackTiming(Obj a) {
        String value = a.string("rollbackTiming");
        if (value == null) {
            return RollbackTiming.SAME_TICK;
        }
        for (RollbackTiming t : RollbackTiming.values()) {
            if (wireName(t.name()).equals(value)) {
                return t;
            }
        }
        List<String> names = List.of(wireName(RollbackTiming.SAME_TICK.name()),
                wireName(RollbackTiming.NEXT_TICK.name()));
        a.doc().error(a.path("rollbackTiming"), a.keyLocation("rollbackTiming"), "unknown value '" + value + "'"
                + Suggest.hint(value, names));
        return RollbackTiming.SAME_TICK;
    }

    /** Flagger's kubernetes provider routes no traffic: it runs Blue/Green and drops A/B match rules. */
    private AnalysisSpec kubernetesRules(Obj a, AnalysisSpec.Builder b) {
        AnalysisSpec spec = b.build();
        if (!"kubernetes".equals(router)) {
            return spec;
        }
        if (spec.iterations() < 1) {
            a.doc().warn(a.path("iterations"), a.location(), "set to " + KUBERNETES_DEFAULT_ITERATIONS
                    + ": the kubernetes provider routes no traffic, so Flagger runs Blue/Green with "
                    + KUBERNETES_DEFAULT_ITERATIONS + " iterations");
            b.iterations(KUBERNETES_DEFAULT_ITERATIONS);
        }
        if (!spec.match().isEmpty()) {
            a.doc().warn(a.path("match"), a.keyLocation("match"), "dropped: the kubernetes provider routes no "
                    + "traffic, so Flagger ignores A/B match rules");
            b.match(List.of());
        }
        return b.build();
    }

    static String wireName(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static int orZero(@Nullable Integer value) {
        return value == null ? 0 : value;
    }

    private static List<CanaryDraft.Ref> withNamespace(List<CanaryDraft.Ref> refs, String namespace) {
        CanaryDraft.Ref[] result = new CanaryDraft.Ref[refs.size()];
        for (int i = 0; i < result.length; i++) {
            CanaryDraft.Ref r = refs.get(i);
            result[i] = r.ref().namespace() != null ? r
                    : new CanaryDraft.Ref(new ObjectRef(r.ref().name(), namespace), r.path());
        }
        return List.of(result);
    }
}
