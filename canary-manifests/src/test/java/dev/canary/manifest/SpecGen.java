package dev.canary.manifest;

import static org.quicktheories.generators.Generate.booleans;
import static org.quicktheories.generators.Generate.enumValues;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import dev.canary.spec.AlertSpec;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MatchRule;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.RollbackTiming;
import dev.canary.spec.ServiceSpec;
import dev.canary.spec.Severity;
import dev.canary.spec.StringMatch;
import dev.canary.spec.TargetRef;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.WebhookSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/** Generates valid specs that use every field, with strings chosen to trip up YAML quoting. */
final class SpecGen {
    /** Strings YAML would read as something else, or that need quoting or block style. */
    static final List<String> TRICKY = List.of("true", "yes", "on", "No", "null", "~", "1.0", "0x1F", "012", "1e3",
            "- item", "key: value", "#hash", " leading", "trailing ", "two\nlines", "ends with newline\n", "'single'",
            "\"double\"", "{a: b}", "[b]", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick`", "", "ü€😀",
            "tab\there", "a: b # c", "---", "...", "? key", "|", ">", "\\back\\slash");
    private static final Gen<String> LABEL = pick(List.of("podinfo", "web-app", "a", "svc-2", "x1y2z3"));
    private static final Gen<String> TEXT = pick(TRICKY).mix(pick(List.of("cmd", "hey -z 1m -q 10 http://a/",
            "sum(rate(http_requests_total{code=~\"5..\"}[{{ interval }}]))")));

    private SpecGen() {
    }

    static Gen<CanarySpec> specs() {
        return in -> {
            String name = LABEL.generate(in);
            return CanarySpec.builder(name)
                    .namespace(pick(List.of("default", "demo-canary", "team-a")).generate(in))
                    .provider(pick(Arrays.asList(null, "traefik", "istio", "linkerd")).generate(in))
                    .metricsServer(pick(Arrays.asList(null, "http://prometheus.monitoring:9090")).generate(in))
                    .targetRef(TargetRef.deployment(name))
                    .service(new ServiceSpec(pick(List.of(name, "front")).generate(in), range(1, 65535).generate(in),
                            pick(List.of("http", "grpc")).generate(in),
                            pick(Arrays.asList(null, "9898", "http")).generate(in)))
                    .progressDeadline(Duration.ofSeconds(range(1, 7200).generate(in)))
                    .skipAnalysis(booleans().generate(in))
                    .suspend(booleans().generate(in))
                    .revertOnDeletion(booleans().generate(in))
                    .analysis(analysis(in))
                    .build();
        };
    }

    private static AnalysisSpec analysis(RandomnessSource in) {
        AnalysisSpec.Builder b = AnalysisSpec.builder()
                .interval(duration(in, 10, 3600))
                .threshold(range(1, 20).generate(in))
                .stepWeightPromotion(range(0, 100).generate(in))
                .primaryReadyThreshold(range(0, 100).generate(in))
                .canaryReadyThreshold(range(0, 100).generate(in))
                .rollbackTiming(enumValues(RollbackTiming.class).generate(in))
                .metrics(metrics(in)).webhooks(webhooks(in)).alerts(alerts(in));
        int maxWeight = range(1, 100).generate(in);
        switch (range(0, 3).generate(in)) {
            case 0 -> b.maxWeight(maxWeight).stepWeight(range(1, maxWeight).generate(in));
            case 1 -> b.stepWeights(ladder(in));
            case 2 -> b.iterations(range(1, 20).generate(in));
            default -> b.iterations(range(1, 20).generate(in)).match(matches(in));
        }
        if (range(0, 3).generate(in) == 0 && b.build().match().isEmpty()) {
            b.mirror(true).mirrorWeight(range(0, 100).generate(in));
        }
        return b.build();
    }

    private static List<Integer> ladder(RandomnessSource in) {
        List<Integer> steps = new ArrayList<>();
        int weight = 0;
        for (int i = range(1, 8).generate(in); i > 0 && weight < 100; i--) {
            weight = range(weight + 1, 100).generate(in);
            steps.add(weight);
        }
        return steps;
    }

    private static List<MatchRule> matches(RandomnessSource in) {
        List<MatchRule> rules = new ArrayList<>();
        for (int i = range(1, 3).generate(in); i > 0; i--) {
            Map<String, StringMatch> headers = new LinkedHashMap<>();
            StringMatch.Kind kind = enumValues(StringMatch.Kind.class).generate(in);
            String value = kind == StringMatch.Kind.REGEX ? pick(List.of(".*Firefox.*", "^a+$", "x|y")).generate(in)
                    : TEXT.generate(in);
            headers.put(pick(List.of("x-canary", "user-agent", "X-Test_1")).generate(in), new StringMatch(kind, value));
            Map<String, StringMatch> cookies = booleans().generate(in) ? Map.of() : Map.of(
                    pick(List.of("type", "ver.sion", "a+b")).generate(in),
                    StringMatch.exact(pick(List.of("insider", "1.2", "x*y", "", "(v)")).generate(in)));
            rules.add(booleans().generate(in) ? new MatchRule(headers, cookies) : new MatchRule(Map.of(),
                    cookies.isEmpty() ? Map.of("beta", StringMatch.exact("on")) : cookies));
        }
        return rules;
    }

    private static List<MetricCheck> metrics(RandomnessSource in) {
        List<MetricCheck> metrics = new ArrayList<>();
        int count = range(0, 3).generate(in);
        for (int i = 0; i < count; i++) {
            MetricCheck.Builder b = switch (range(0, 2).generate(in)) {
                case 0 -> i < 2 ? MetricCheck.builder(i == 0 ? MetricCheck.REQUEST_SUCCESS_RATE
                        : MetricCheck.REQUEST_DURATION) : MetricCheck.builder("query-" + i).query("up");
                case 1 -> MetricCheck.builder("query-" + i).query(TEXT.generate(in) + "x");
                default -> MetricCheck.builder("template-" + i)
                        .templateRef(new ObjectRef(LABEL.generate(in), pick(Arrays.asList(null, "ops")).generate(in)))
                        .templateVariables(Map.of("team", TEXT.generate(in), "on", TEXT.generate(in)));
            };
            double min = range(-100_000, 100_000).generate(in) / 100.0;
            double max = min + range(0, 100_000).generate(in) / 100.0;
            ThresholdRange r = switch (range(0, 2).generate(in)) {
                case 0 -> ThresholdRange.atLeast(min);
                case 1 -> ThresholdRange.atMost(max);
                default -> ThresholdRange.between(min, max);
            };
            metrics.add(b.interval(duration(in, 1, 7200)).thresholdRange(r)
                    .onNoData(enumValues(OutcomePolicy.class).generate(in))
                    .onError(enumValues(OutcomePolicy.class).generate(in))
                    .minSamples(range(0, 1000).generate(in)).build());
        }
        return metrics;
    }

    private static List<WebhookSpec> webhooks(RandomnessSource in) {
        List<WebhookSpec> hooks = new ArrayList<>();
        for (int i = range(0, 3).generate(in); i > 0; i--) {
            URI url = booleans().generate(in) ? null : URI.create(pick(List.of("http://loadtester.test/",
                    "https://gate.example:8443/approve?x=1&y=%20")).generate(in));
            hooks.add(new WebhookSpec("hook-" + i, enumValues(HookType.class).generate(in), url,
                    duration(in, 1, 9), Map.of("cmd", TEXT.generate(in), "type", TEXT.generate(in)),
                    range(0, 5).generate(in), booleans().generate(in), booleans().generate(in)));
        }
        return hooks;
    }

    private static List<AlertSpec> alerts(RandomnessSource in) {
        List<AlertSpec> alerts = new ArrayList<>();
        for (int i = range(0, 2).generate(in); i > 0; i--) {
            alerts.add(new AlertSpec("alert-" + i, enumValues(Severity.class).generate(in),
                    new ObjectRef(LABEL.generate(in), pick(Arrays.asList(null, "flagger")).generate(in))));
        }
        return alerts;
    }

    /** Whole seconds in {@code [min, max]}, sometimes with milliseconds. */
    private static Duration duration(RandomnessSource in, int min, int max) {
        Duration d = Duration.ofSeconds(range(min, max).generate(in));
        return booleans().generate(in) ? d.plusMillis(range(1, 999).generate(in)) : d;
    }
}
