package dev.canary.manifest;

import static dev.canary.manifest.ManifestWriter.ordered;
import static dev.canary.manifest.ManifestWriter.putIf;

import dev.canary.spec.AlertSpec;
import dev.canary.spec.MatchRule;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.StringMatch;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.WebhookSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Writes match rules, metrics, webhooks and alerts of an analysis; records what cannot be written. */
final class ChecksWriter {
    private final List<ManifestProblem> problems;

    ChecksWriter(List<ManifestProblem> problems) {
        this.problems = problems;
    }

    List<Object> match(List<MatchRule> rules) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String path = "spec.analysis.match[" + i + "]";
            MatchRule rule = rules.get(i);
            Map<String, Object> headers = new LinkedHashMap<>();
            new TreeMap<>(rule.headers()).forEach((name, m) -> {
                if ("cookie".equalsIgnoreCase(name) && (!rule.cookies().isEmpty()
                        || m.kind() == StringMatch.Kind.REGEX && CookieMatch.parse(m.value()).isPresent())) {
                    problem(path + ".headers." + name, "a header rule on the cookie header cannot be written next to "
                            + "a cookie rule, nor in the form that reads back as one; use MatchRule.cookie");
                }
                headers.put(name, Map.of(m.kind().name().toLowerCase(Locale.ROOT), m.value()));
            });
            cookie(rule, path).ifPresent(regex -> headers.put("cookie", Map.of("regex", regex)));
            if (rule.headers().isEmpty() && rule.cookies().isEmpty()) {
                problem(path, "an A/B rule needs at least one header or cookie");
            }
            out.add(Map.of("headers", headers));
        }
        return out;
    }

    private Optional<String> cookie(MatchRule rule, String path) {
        if (rule.cookies().isEmpty()) {
            return Optional.empty();
        }
        if (rule.cookies().size() > 1) {
            problem(path, "a Flagger match rule can test one cookie, but this rule tests " + rule.cookies().keySet()
                    + "; split it into rules or write the cookie header regex as a header rule");
            return Optional.empty();
        }
        Map.Entry<String, StringMatch> cookie = rule.cookies().entrySet().iterator().next();
        if (cookie.getValue().kind() != StringMatch.Kind.EXACT || cookie.getKey().isEmpty()) {
            problem(path, "only exact cookie matches can be written (as Istio's cookie header regex), but cookie '"
                    + cookie.getKey() + "' uses " + cookie.getValue().kind());
            return Optional.empty();
        }
        return Optional.of(CookieMatch.regex(cookie.getKey(), cookie.getValue().value()));
    }

    List<Object> metrics(List<MetricCheck> metrics) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            MetricCheck c = metrics.get(i);
            String path = "spec.analysis.metrics[" + i + "]";
            Map<String, Object> m = ordered("name", c.name());
            putIf(m, "interval", duration(path + ".interval", c.interval()),
                    !c.interval().equals(MetricCheck.DEFAULT_INTERVAL));
            Map<String, Object> range = new LinkedHashMap<>();
            putIf(range, "min", number(path + ".thresholdRange.min", c.thresholdRange().min()), true);
            putIf(range, "max", number(path + ".thresholdRange.max", c.thresholdRange().max()), true);
            putIf(m, "thresholdRange", range, !range.isEmpty());
            putIf(m, "query", c.query(), c.query() != null);
            putIf(m, "templateRef", ref(c.templateRef()), c.templateRef() != null);
            putIf(m, "templateVariables", new TreeMap<>(c.templateVariables()), !c.templateVariables().isEmpty());
            putIf(m, "onNoData", "wait", c.onNoData() == OutcomePolicy.WAIT);
            putIf(m, "onError", "wait", c.onError() == OutcomePolicy.WAIT);
            putIf(m, "minSamples", c.minSamples(), c.minSamples() != 0);
            out.add(m);
        }
        return out;
    }

    List<Object> webhooks(List<WebhookSpec> webhooks) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            WebhookSpec w = webhooks.get(i);
            Map<String, Object> m = ordered("name", w.name(), "type", w.type().wireName());
            putIf(m, "url", w.url() == null ? null : w.url().toString(), true);
            putIf(m, "timeout", duration("spec.analysis.webhooks[" + i + "].timeout", w.timeout()),
                    !w.timeout().equals(WebhookSpec.DEFAULT_TIMEOUT));
            putIf(m, "retries", w.retries(), w.retries() != 0);
            putIf(m, "metadata", new TreeMap<>(w.metadata()), !w.metadata().isEmpty());
            putIf(m, "muteAlert", true, w.muteAlert());
            putIf(m, "disableTLS", true, w.disableTls());
            out.add(m);
        }
        return out;
    }

    List<Object> alerts(List<AlertSpec> alerts) {
        return alerts.stream().map(a -> (Object) ordered("name", a.name(), "severity",
                a.severity().name().toLowerCase(Locale.ROOT), "providerRef", ref(a.providerRef()))).toList();
    }

    private static Map<String, Object> ref(@Nullable ObjectRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ref != null) {
            m.put("name", ref.name());
            putIf(m, "namespace", ref.namespace(), ref.namespace() != null);
        }
        return m;
    }

    private @Nullable Object number(String path, @Nullable Double value) {
        if (value == null) {
            return null;
        }
        if (!Double.isFinite(value)) {
            problem(path, "cannot be written: " + value + " is not a finite number");
            return null;
        }
        boolean negativeZero = value == 0 && 1 / value < 0;
        return value == Math.rint(value) && Math.abs(value) < 1e15 && !negativeZero ? (Object) value.longValue()
                : value;
    }

    private String duration(String path, Duration d) {
        return ManifestWriter.duration(problems, path, d);
    }

    private void problem(String path, String message) {
        problems.add(new ManifestProblem(0, path, 0, 0, message));
    }
}
