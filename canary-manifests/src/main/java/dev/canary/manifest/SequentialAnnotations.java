package dev.canary.manifest;

import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.SequentialSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sequential checks in a Flagger manifest, through annotations (Flagger's schema has no room for them): the
 * annotation {@code sequential.canary.dev/<check name>} opts that check into sequential judgement; its value is
 * empty for the defaults, or settings separated by commas, such as
 * {@code against=both, alpha=0.01, beta=0.05, allowedRate=0.01, goodFactor=0.5, badFactor=2, goodRatio=1,
 * badRatio=2, maxHold=10m, onUndecided=rollback, holdAt=0.5, holdAtPrimary=0.2, sloTest=sprt,
 * latencyBound=500ms, watch=5s}. Flagger ignores the annotation and keeps its threshold rule. Stateless.
 */
final class SequentialAnnotations {
    static final String PREFIX = "sequential.canary.dev/";

    private SequentialAnnotations() {
    }

    /** The analysis with the annotated checks made sequential; problems are recorded on the document. */
    static AnalysisSpec apply(Obj root, AnalysisSpec analysis) {
        Obj metadata = root.object("metadata");
        Obj annotations = metadata == null ? null : metadata.object("annotations");
        if (annotations == null) {
            return analysis;
        }
        Map<String, SequentialSpec> settings = new LinkedHashMap<>();
        for (String key : annotations.keys()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String check = key.substring(PREFIX.length());
            String value = annotations.string(key, "");
            try {
                settings.put(check, parse(value));
            } catch (IllegalArgumentException e) {
                root.doc().error(annotations.path(key), annotations.keyLocation(key), e.getMessage());
            }
            if (analysis.metrics().stream().noneMatch(m -> m.name().equals(check))) {
                root.doc().error(annotations.path(key), annotations.keyLocation(key), "names no metric check of "
                        + "the analysis; checks: " + analysis.metrics().stream().map(MetricCheck::name).toList());
            }
        }
        if (settings.isEmpty()) {
            return analysis;
        }
        List<MetricCheck> checks = new ArrayList<>();
        for (MetricCheck m : analysis.metrics()) {
            SequentialSpec s = settings.get(m.name());
            checks.add(s == null ? m : m.toBuilder().sequential(s).build());
        }
        return analysis.toBuilder().metrics(checks).build();
    }

    /** The annotations that opt the spec's sequential checks in, in spec order. */
    static Map<String, Object> write(AnalysisSpec analysis) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        for (MetricCheck m : analysis.metrics()) {
            if (m.sequential() != null) {
                annotations.put(PREFIX + m.name(), format(m.sequential()));
            }
        }
        return annotations;
    }

    /** Settings from an annotation value; empty means the defaults. */
    static SequentialSpec parse(String value) {
        SequentialSpec.Builder b = SequentialSpec.builder();
        for (String part : value.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("setting '" + item + "' must be key=value");
            }
            String key = item.substring(0, eq).trim();
            String v = item.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "against" -> b.against(SequentialSpec.Baseline.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "alpha" -> b.alpha(Double.parseDouble(v));
                    case "beta" -> b.beta(Double.parseDouble(v));
                    case "allowedRate" -> b.allowedRate(Double.parseDouble(v));
                    case "goodFactor" -> b.goodFactor(Double.parseDouble(v));
                    case "badFactor" -> b.badFactor(Double.parseDouble(v));
                    case "goodRatio" -> b.goodRatio(Double.parseDouble(v));
                    case "badRatio" -> b.badRatio(Double.parseDouble(v));
                    case "maxHold" -> b.maxHold(duration(key, v));
                    case "onUndecided" -> b.onUndecided(SequentialSpec.OnUndecided.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "holdAt" -> b.holdAt(Double.parseDouble(v));
                    case "holdAtPrimary" -> b.holdAtPrimary(Double.parseDouble(v));
                    case "sloTest" -> b.sloTest(SequentialSpec.SloTest.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "latencyBound" -> b.latencyBound(duration(key, v));
                    case "watch" -> b.watch(duration(key, v));
                    default -> throw new IllegalArgumentException("unknown setting '" + key + "'; known: against, "
                            + "alpha, beta, allowedRate, goodFactor, badFactor, goodRatio, badRatio, maxHold, "
                            + "onUndecided, holdAt, holdAtPrimary, sloTest, latencyBound, watch");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + key + " must be a number but was '" + v + "'");
            }
        }
        return b.build();
    }

    /** The settings that differ from the defaults, as an annotation value ({@code ""} for the defaults). */
    static String format(SequentialSpec s) {
        SequentialSpec d = SequentialSpec.ofDefaults();
        List<String> parts = new ArrayList<>();
        add(parts, "against", s.against().name().toLowerCase(Locale.ROOT), s.against() != d.against());
        add(parts, "alpha", num(s.alpha()), s.alpha() != d.alpha());
        add(parts, "beta", num(s.beta()), s.beta() != d.beta());
        add(parts, "allowedRate", s.allowedRate() == null ? "" : num(s.allowedRate()), s.allowedRate() != null);
        add(parts, "goodFactor", num(s.goodFactor()), s.goodFactor() != d.goodFactor());
        add(parts, "badFactor", num(s.badFactor()), s.badFactor() != d.badFactor());
        add(parts, "goodRatio", num(s.goodRatio()), s.goodRatio() != d.goodRatio());
        add(parts, "badRatio", num(s.badRatio()), s.badRatio() != d.badRatio());
        add(parts, "maxHold", s.maxHold().toSeconds() + "s", !s.maxHold().equals(d.maxHold()));
        add(parts, "onUndecided", s.onUndecided().name().toLowerCase(Locale.ROOT), s.onUndecided() != d.onUndecided());
        add(parts, "holdAt", num(s.holdAt()), s.holdAt() != d.holdAt());
        add(parts, "holdAtPrimary", num(s.holdAtPrimary()), s.holdAtPrimary() != d.holdAtPrimary());
        add(parts, "sloTest", s.sloTest().name().toLowerCase(Locale.ROOT), s.sloTest() != d.sloTest());
        add(parts, "latencyBound", s.latencyBound() == null ? "" : s.latencyBound().toMillis() + "ms",
                s.latencyBound() != null);
        add(parts, "watch", s.watch() == null ? "" : s.watch().toMillis() + "ms", s.watch() != null);
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String key, String value, boolean differs) {
        if (differs) {
            parts.add(key + "=" + value);
        }
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static Duration duration(String key, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must be a duration such as 500ms, 90s, 10m or 1h but was '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
