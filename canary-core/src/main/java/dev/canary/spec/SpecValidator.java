package dev.canary.spec;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Collects every problem of a spec, each naming the field, the rule and the value given. */
final class SpecValidator {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** Leaves room for the {@code -primary} suffix within Kubernetes' 63-character limit. */
    private static final int MAX_NAME_LENGTH = 63 - "-primary".length();
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
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
        return List.copyOf(v.problems);
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
        metrics(a.metrics());
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

    private void metrics(List<MetricCheck> metrics) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            MetricCheck m = metrics.get(i);
            String field = "analysis.metrics[" + i + "]";
            if (m.name().isBlank()) {
                problems.add(field + ".name must not be empty");
            } else if (label(field + ".name", m.name()) && !names.add(m.name())) {
                problems.add(field + ".name '" + m.name() + "' is used by another check; names must be unique");
            }
            between(field + ".interval", m.interval(), MIN_INTERVAL, MetricCheck.MAX_INTERVAL);
            if (m.templateRef() != null) {
                reference(field + ".templateRef", m.templateRef());
            }
            if (m.query() != null && m.templateRef() != null) {
                problems.add(field + " '" + m.name() + "' sets both query and templateRef; use one");
            } else if (m.query() == null && m.templateRef() == null && !m.isBuiltin()) {
                problems.add(field + " '" + m.name() + "' needs a query or a templateRef (the builtin checks are "
                        + MetricCheck.REQUEST_SUCCESS_RATE + " and " + MetricCheck.REQUEST_DURATION + ")");
            }
            if (m.query() != null && m.query().isBlank()) {
                problems.add(field + ".query must not be empty");
            }
            ThresholdRange r = m.thresholdRange();
            if (r.min() == null && r.max() == null) {
                problems.add(field + " '" + m.name() + "' has no thresholdRange: set min, max or both");
            } else if (r.min() != null && r.max() != null && r.min() > r.max()) {
                problems.add(field + ".thresholdRange min " + r.min() + " is above max " + r.max());
            }
            if (m.minSamples() < 0) {
                problems.add(field + ".minSamples must be at least 0 but was " + m.minSamples());
            }
            String sequential = m.sequential() == null ? null : m.sequential().problemWith(m);
            if (sequential != null) {
                problems.add(field + " '" + m.name() + "': " + sequential);
            }
        }
    }

    private void webhooks(List<WebhookSpec> webhooks, Duration interval) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < webhooks.size(); i++) {
            WebhookSpec w = webhooks.get(i);
            String field = "analysis.webhooks[" + i + "]";
            if (w.name().isBlank()) {
                problems.add(field + ".name must not be empty");
            } else if (label(field + ".name", w.name()) && !names.add(w.name())) {
                problems.add(field + ".name '" + w.name() + "' is used by another webhook; names must be unique");
            }
            if (w.timeout().compareTo(WebhookSpec.MAX_TIMEOUT) > 0) {
                problems.add(field + ".timeout must be at most " + WebhookSpec.MAX_TIMEOUT + " (a timeout longer "
                        + "than analysis.interval " + interval + " is capped to it) but was " + w.timeout());
            } else {
                positive(field + ".timeout", w.timeout());
            }
            if (w.retries() < 0) {
                problems.add(field + ".retries must be at least 0 but was " + w.retries());
            }
            URI url = w.url();
            if (url != null) {
                String problem = HttpUrls.problem(url);
                if (problem != null) {
                    problems.add(field + ".url " + problem + (url.getHost() == null ? ""
                            : " but was '" + Redaction.url(url) + "'"));
                }
            }
        }
    }

    private void alerts(List<AlertSpec> alerts) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < alerts.size(); i++) {
            reference("analysis.alerts[" + i + "].providerRef", alerts.get(i).providerRef());
            if (label("analysis.alerts[" + i + "].name", alerts.get(i).name()) && !names.add(alerts.get(i).name())) {
                problems.add("analysis.alerts[" + i + "].name '" + alerts.get(i).name()
                        + "' is used by another alert; names must be unique");
            }
        }
    }

    private void name(String field, String value) {
        if (value.length() > MAX_NAME_LENGTH || !DNS_LABEL.matcher(value).matches()) {
            problems.add(field + " must be a lowercase DNS label (a-z, 0-9, '-', at most " + MAX_NAME_LENGTH
                    + " characters) but was '" + escaped(value) + "'");
        }
    }

    /**
     * A name shown in logs, events and evidence (check, webhook, alert): at most 253 characters, none of them a
     * control or line-breaking character. Whether it passed.
     */
    private boolean label(String field, String value) {
        int bad = value.codePoints().filter(SpecValidator::breaksLines).findFirst().orElse(-1);
        if (bad >= 0) {
            problems.add(field + " must not hold control or line-breaking characters but held U+"
                    + String.format("%04X", bad) + " in '" + escaped(value) + "'");
            return false;
        }
        if (value.length() > MAX_SUBDOMAIN_LENGTH) {
            problems.add(field + " must be at most " + MAX_SUBDOMAIN_LENGTH + " characters but was "
                    + value.length());
            return false;
        }
        return true;
    }

    /** A Kubernetes object reference: a DNS-1123 subdomain name, and a DNS label namespace when given. */
    private void reference(String field, ObjectRef ref) {
        if (ref.name().length() > MAX_SUBDOMAIN_LENGTH || !DNS_SUBDOMAIN.matcher(ref.name()).matches()) {
            problems.add(field + ".name must be a lowercase DNS-1123 subdomain (a-z, 0-9, '-', '.', at most "
                    + MAX_SUBDOMAIN_LENGTH + " characters) but was '" + escaped(ref.name()) + "'");
        }
        if (ref.namespace() != null && (ref.namespace().length() > 63
                || !DNS_LABEL.matcher(ref.namespace()).matches())) {
            problems.add(field + ".namespace must be a lowercase DNS label (a-z, 0-9, '-', at most 63 characters)"
                    + " but was '" + escaped(ref.namespace()) + "'");
        }
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

    private void between(String field, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
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
