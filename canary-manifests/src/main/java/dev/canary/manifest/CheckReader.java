package dev.canary.manifest;

import dev.canary.spec.AlertSpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.OutcomePolicy;
import dev.canary.spec.Severity;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.WebhookSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code metrics[]}, {@code webhooks[]} and {@code alerts[]} entries. Each method returns a value even
 * when the entry has problems (they are recorded; the canary is then not built).
 */
final class CheckReader {
    private static final List<String> HOOK_TYPES = Arrays.stream(HookType.values()).map(HookType::wireName).toList();
    private static final List<String> SEVERITIES = List.of("info", "warn", "error");
    private static final List<String> POLICIES = List.of("fail", "wait");

    private CheckReader() {
    }

    static MetricCheck metric(Obj m) {
        m.check(Fields.METRIC);
        String name = m.required("name");
        MetricCheck.Builder b = MetricCheck.builder(name == null ? "" : name);
        Duration interval = m.duration("interval");
        b.interval(interval == null ? MetricCheck.DEFAULT_INTERVAL : interval);
        String query = m.string("query");
        ObjectRef templateRef = ref(m, "templateRef");
        b.query(query).templateRef(templateRef).templateVariables(m.strings("templateVariables"));
        b.thresholdRange(thresholdRange(m, name, query == null && templateRef == null));
        b.onNoData(policy(m, "onNoData")).onError(policy(m, "onError"));
        Integer minSamples = m.integer("minSamples");
        return b.minSamples(minSamples == null ? 0 : minSamples).build();
    }

    static WebhookSpec webhook(Obj w) {
        w.check(Fields.WEBHOOK);
        String name = w.required("name");
        String type = w.string("type", "");
        HookType hookType = HookType.ROLLOUT;
        try {
            hookType = HookType.fromWireName(type);
        } catch (IllegalArgumentException e) {
            w.doc().error(w.path("type"), w.keyLocation("type"), "unknown webhook type '" + type + "'"
                    + Suggest.hint(type, HOOK_TYPES));
        }
        Integer retries = w.integer("retries");
        return new WebhookSpec(name == null ? "" : name, hookType, url(w), timeout(w), w.strings("metadata"),
                retries == null ? 0 : retries, w.bool("muteAlert"), w.bool("disableTLS"));
    }

    static AlertSpec alert(Obj al) {
        al.check(Fields.ALERT);
        String name = al.required("name");
        String severity = al.string("severity", "");
        Severity level = Severity.INFO;
        if (SEVERITIES.contains(severity)) {
            level = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
        } else if (!severity.isEmpty()) {
            al.doc().error(al.path("severity"), al.keyLocation("severity"), "unknown severity '" + severity + "'"
                    + Suggest.hint(severity, SEVERITIES));
        }
        ObjectRef providerRef = ref(al, "providerRef");
        if (providerRef == null && !al.has("providerRef")) {
            al.doc().error(al.path("providerRef"), al.location(), "is required: the AlertProvider to send to");
        }
        return new AlertSpec(name == null ? "" : name, level, providerRef == null ? ObjectRef.of("") : providerRef);
    }

    private static ThresholdRange thresholdRange(Obj m, @Nullable String name, boolean builtin) {
        Obj range = m.object("thresholdRange");
        Double legacy = m.number("threshold");
        if (range != null) {
            range.check(Fields.RANGE);
            if (legacy != null) {
                m.doc().warn(m.path("threshold"), m.keyLocation("threshold"), "ignored: thresholdRange is set, "
                        + "and Flagger prefers it over the deprecated threshold");
            }
            return new ThresholdRange(range.number("min"), range.number("max"));
        }
        if (legacy == null) {
            return ThresholdRange.UNBOUNDED;
        }
        boolean minimum = builtin && MetricCheck.REQUEST_SUCCESS_RATE.equals(name);
        m.doc().warn(m.path("threshold"), m.keyLocation("threshold"), "deprecated: read as thresholdRange."
                + (minimum ? "min" : "max") + ": " + format(legacy) + " (Flagger's meaning for "
                + (minimum ? "request-success-rate" : builtin ? "request-duration" : "custom queries") + ")");
        return minimum ? ThresholdRange.atLeast(legacy) : ThresholdRange.atMost(legacy);
    }

    private static OutcomePolicy policy(Obj m, String key) {
        String value = m.string(key);
        if (value == null) {
            return OutcomePolicy.FAIL;
        }
        if (POLICIES.contains(value)) {
            return OutcomePolicy.valueOf(value.toUpperCase(Locale.ROOT));
        }
        m.doc().error(m.path(key), m.keyLocation(key), "unknown value '" + value + "'" + Suggest.hint(value, POLICIES));
        return OutcomePolicy.FAIL;
    }

    private static @Nullable URI url(Obj w) {
        String text = w.string("url");
        if (text == null) {
            return null;
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            w.doc().error(w.path("url"), w.keyLocation("url"), "is not a URL (" + e.getReason() + " at index "
                    + e.getIndex() + ")");
            return null;
        }
    }

    private static Duration timeout(Obj w) {
        if (w.string("timeout", "").isEmpty()) {
            return WebhookSpec.DEFAULT_TIMEOUT;
        }
        Duration timeout = w.duration("timeout");
        return timeout == null ? WebhookSpec.DEFAULT_TIMEOUT : timeout;
    }

    static @Nullable ObjectRef ref(Obj parent, String key) {
        Obj ref = parent.object(key);
        if (ref == null) {
            return null;
        }
        ref.check(Fields.REF);
        String name = ref.required("name");
        return name == null ? null : new ObjectRef(name, ref.string("namespace"));
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
