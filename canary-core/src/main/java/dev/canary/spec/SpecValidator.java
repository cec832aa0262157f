package dev.canary.spec;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects every problem of a spec, each naming the field, the rule and the value given. */
final class SpecValidator {
    /** Leaves room for the {@code -primary} suffix within Kubernetes' 63-character limit. */
    private static final int MAX_NAME_LENGTH = 63 - "-primary".length();
    private static final int MAX_SUBDOMAIN_LENGTH = 253;
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final List<String> problems = new ArrayList<>();

    private SpecValidator() {
    }

    static List<String> validate(String name, String namespace, TargetRef target, ServiceSpec service,
            AnalysisSpec analysis, Duration progressDeadline, boolean skipAnalysis) {
        SpecValidator v = new SpecValidator();
        v.name("name", name);
        v.name("namespace", namespace);
        v.name("targetRef.name", target.name());
        v.name("service.name", service.name());
        v.range("service.port", service.port(), 1, 65535);
        v.positive("progressDeadline", progressDeadline);
        if (progressDeadline.compareTo(CanarySpec.MAX_PROGRESS_DEADLINE) > 0) {
            v.problems.add("progressDeadline must be at most " + CanarySpec.MAX_PROGRESS_DEADLINE + " but was "
                    + progressDeadline);
        }
        v.analysis(analysis, skipAnalysis);
        return v.problems.isEmpty() ? List.of() : List.copyOf(v.problems);
    }

    private void analysis(AnalysisSpec a, boolean skipAnalysis) {
        between("analysis.interval", a.interval(), MIN_INTERVAL, AnalysisSpec.MAX_INTERVAL);
        if (a.threshold() < 1) {
            problems.add("analysis.threshold must be at least 1 but was " + a.threshold());
        }
        range("analysis.maxWeight", a.maxWeight(), 1, 100);
        range("analysis.stepWeight", a.stepWeight(), 0, 100);
        if (a.stepWeights().isEmpty() && a.stepWeight() > a.maxWeight() && a.maxWeight() >= 1) {
            problems.add("analysis.stepWeight " + a.stepWeight() + " is above analysis.maxWeight " + a.maxWeight());
        }
        stepWeights(a.stepWeights());
        range("analysis.stepWeightPromotion", a.stepWeightPromotion(), 0, 100);
        if (a.iterations() < 0) {
            problems.add("analysis.iterations must be at least 0 but was " + a.iterations());
        }
        if (!a.match().isEmpty() && a.iterations() == 0) {
            problems.add("analysis.match needs analysis.iterations above 0 (A/B testing) but iterations was 0");
        }
        if (a.strategy() == Strategy.CANARY && !skipAnalysis && a.stepWeight() == 0 && a.stepWeights().isEmpty()) {
            problems.add("analysis needs stepWeight, stepWeights or iterations: without them a canary never "
                    + "receives traffic");
        }
        range("analysis.mirrorWeight", a.mirrorWeight(), 0, 100);
        if (a.mirrorWeight() > 0 && !a.mirror()) {
            problems.add("analysis.mirrorWeight " + a.mirrorWeight() + " is set but analysis.mirror is false");
        }
        if (a.mirror() && a.strategy() == Strategy.AB_TESTING) {
            problems.add("analysis.mirror cannot be combined with A/B testing (match + iterations)");
        }
        range("analysis.primaryReadyThreshold", a.primaryReadyThreshold(), 0, 100);
        range("analysis.canaryReadyThreshold", a.canaryReadyThreshold(), 0, 100);
        metrics(a.metrics(), a.interval());
        webhooks(a.webhooks(), a.interval());
        alerts(a.alerts());
    }

    private void stepWeights(List<Integer> weights) {
        for (int i = 0; i < weights.size(); i++) {
            range("analysis.stepWeights[" + i + "]", weights.get(i), 1, 100);
            if (i > 0 && weights.get(i) <= weights.get(i - 1)) {
                problems.add("analysis.stepWeights must increase but was " + weights);
                return;
            }
        }
    }

    private void metrics(List<MetricCheck> metrics, Duration interval) {
        Set<String> names = metrics.size() > 1 ? new HashSet<>() : Set.of();
        for (int i = 0; i < metrics.size(); i++) {
            MetricCheck m = metrics.get(i);
            if (m.name().isBlank()) {
                problems.add(item("metrics", i) + ".name must not be empty");
            } else if (label("metrics", i, m.name()) && metrics.size() > 1 && !names.add(m.name())) {
                problems.add(item("metrics", i) + ".name '" + m.name() + "' is used by another check; names must "
                        + "be unique");
            }
            if (outside(m.interval(), MIN_INTERVAL, MetricCheck.MAX_INTERVAL)) {
                between(item("metrics", i) + ".interval", m.interval(), MIN_INTERVAL, MetricCheck.MAX_INTERVAL);
            }
            if (m.templateRef() != null && !isReference(m.templateRef())) {
                reference(item("metrics", i) + ".templateRef", m.templateRef());
            }
            if (m.query() != null && m.templateRef() != null) {
                problems.add(item("metrics", i) + " '" + m.name() + "' sets both query and templateRef; use one");
            } else if (m.query() == null && m.templateRef() == null && !m.isBuiltin()) {
                problems.add(item("metrics", i) + " '" + m.name() + "' needs a query or a templateRef (the builtin "
                        + "checks are " + MetricCheck.REQUEST_SUCCESS_RATE + " and " + MetricCheck.REQUEST_DURATION + ")");
            }
            if (m.query() != null && m.query().isBlank()) {
                problems.add(item("metrics", i) + ".query must not be empty");
            }
            ThresholdRange r = m.thresholdRange();
            if (r.min() == null && r.max() == null) {
                problems.add(item("metrics", i) + " '" + m.name() + "' has no thresholdRange: set min, max or both");
            } else if (r.min() != null && r.max() != null && r.min() > r.max()) {
                problems.add(item("metrics", i) + ".thresholdRange min " + r.min() + " is above max " + r.max());
            }
            if (m.minSamples() < 0) {
                problems.add(item("metrics", i) + ".minSamples must be at least 0 but was " + m.minSamples());
            }
            String sequential = m.sequential() == null ? null : m.sequential().problemWith(m);
            if (sequential != null) {
                problems.add(item("metrics", i) + " '" + m.name() + "': " + sequential);
            }
            Duration watch = m.sequential() == null ? null : m.sequential().watch();
            if (watch != null && watch.compareTo(interval) >= 0) {
                problems.add(item("metrics", i) + " '" + m.name() + "': sequential.watch "
                        + watch + " must be shorter than the analysis interval "
                        + interval + " (counts are read at every tick anyway)");
            }
        }
    }

    private void webhooks(List<WebhookSpec> webhooks, Duration interval) {
        Set<String> names = webhooks.size() > 1 ? new HashSet<>() : Set.of();
        for (int i = 0; i < webhooks.size(); i++) {
            WebhookSpec w = webhooks.get(i);
            if (w.name().isBlank()) {
                problems.add(item("webhooks", i) + ".name must not be empty");
            } else if (label("webhooks", i, w.name()) && webhooks.size() > 1 && !names.add(w.name())) {
                problems.add(item("webhooks", i) + ".name '" + w.name() + "' is used by another webhook; names "
                        + "must be unique");
            }
            if (w.timeout().compareTo(WebhookSpec.MAX_TIMEOUT) > 0) {
                problems.add(item("webhooks", i) + ".timeout must be at most " + WebhookSpec.MAX_TIMEOUT
                        + " (a timeout longer than analysis.interval " + interval + " is capped to it) but was "
                        + w.timeout());
            } else if (w.timeout().isNegative() || w.timeout().isZero()) {
                positive(item("webhooks", i) + ".timeout", w.timeout());
            }
            if (w.retries() < 0) {
                problems.add(item("webhooks", i) + ".retries must be at least 0 but was " + w.retries());
            }
            URI url = w.url();
            if (url != null) {
                String problem = HttpUrls.problem(url);
                if (problem != null) {
                    problems.add(item("webhooks", i) + ".url " + problem + (url.getHost() == null ? ""
                            : " but was '" + Redaction.url(url) + "'"));
                }
            }
        }
    }

    private void alerts(List<AlertSpec> alerts) {
        Set<String> names = alerts.size() > 1 ? new HashSet<>() : Set.of();
        for (int i = 0; i < alerts.size(); i++) {
            if (!isReference(alerts.get(i).providerRef())) {
                reference(item("alerts", i) + ".providerRef", alerts.get(i).providerRef());
            }
            if (label("alerts", i, alerts.get(i).name()) && alerts.size() > 1 && !names.add(alerts.get(i).name())) {
                problems.add("analysis.alerts[" + i + "].name '" + alerts.get(i).name()
                        + "' is used by another alert; names must be unique");
            }
        }
    }

    /** {@code analysis.<list>[i]}, built only for a problem. */
    private static String item(String list, int i) {
        return "analysis." + list + "[" + i + "]";
    }

    private void name(String field, String value) {
        if (value.length() > MAX_NAME_LENGTH || !isDnsLabel(value, 0, value.length())) {
            problems.add(field + " must be a lowercase DNS label (a-z, 0-9, '-', at most " + MAX_NAME_LENGTH
                    + " characters) but was '" + escaped(value) + "'");
        }
    }

    /**
     * A name shown in logs, events and evidence (check, webhook, alert): at most 253 characters, none of them a
     * control or line-breaking character. Whether it passed.
     */
    private boolean label(String list, int i, String value) {
        int bad = -1;
        for (int at = 0; at < value.length() && bad < 0; ) {
            int c = value.codePointAt(at);
            bad = breaksLines(c) ? c : -1;
            at += Character.charCount(c);
        }
        if (bad < 0 && value.length() <= MAX_SUBDOMAIN_LENGTH) {
            return true;
        }
        String field = item(list, i) + ".name";
        if (bad >= 0) {
            problems.add(field + " must not hold control or line-breaking characters but held U+"
                    + String.format("%04X", bad) + " in '" + escaped(value) + "'");
            return false;
        }
        problems.add(field + " must be at most " + MAX_SUBDOMAIN_LENGTH + " characters but was " + value.length());
        return false;
    }

    /** A Kubernetes object reference: a DNS-1123 subdomain name, and a DNS label namespace when given. */
    private void reference(String field, ObjectRef ref) {
        if (!isDnsSubdomain(ref.name())) {
            problems.add(field + ".name must be a lowercase DNS-1123 subdomain (a-z, 0-9, '-', '.', at most "
                    + MAX_SUBDOMAIN_LENGTH + " characters) but was '" + escaped(ref.name()) + "'");
        }
        if (ref.namespace() != null && !isNamespace(ref.namespace())) {
            problems.add(field + ".namespace must be a lowercase DNS label (a-z, 0-9, '-', at most 63 characters)"
                    + " but was '" + escaped(ref.namespace()) + "'");
        }
    }

    private static boolean isReference(ObjectRef ref) {
        return isDnsSubdomain(ref.name()) && (ref.namespace() == null || isNamespace(ref.namespace()));
    }

    private static boolean isNamespace(String namespace) {
        return namespace.length() <= 63 && isDnsLabel(namespace, 0, namespace.length());
    }

    /** A DNS-1123 subdomain of at most 253 characters: DNS labels joined by dots. */
    private static boolean isDnsSubdomain(String name) {
        if (name.length() > MAX_SUBDOMAIN_LENGTH) {
            return false;
        }
        for (int start = 0; ; ) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            if (!isDnsLabel(name, start, end)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    /** Whether {@code text[from, to)} is a DNS-1123 label: a-z, 0-9 and '-', not empty, no '-' at either end. */
    private static boolean isDnsLabel(String text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!alphanumeric && (c != '-' || i == from || i == to - 1)) {
                return false;
            }
        }
        return true;
    }

    static boolean breaksLines(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT;
    }

    /** {@code value} with every control or line-breaking character written as a backslash, u and 4 hex digits. */
    static String escaped(String value) {
        StringBuilder b = new StringBuilder();
        value.codePoints().forEach(c -> {
            if (breaksLines(c)) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static boolean outside(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 || value.compareTo(max) > 0;
    }

    private void between(String field, Duration value, Duration min, Duration max) {
        if (outside(value, min, max)) {
            problems.add(field + " must be between " + min + " and " + max + " but was " + value);
        }
    }

    private void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(field + " must be between " + min + " and " + max + " but was " + value);
        }
    }

    private void positive(String field, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(field + " must be positive but was " + value);
        }
    }
}
