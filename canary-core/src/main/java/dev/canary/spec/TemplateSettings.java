package dev.canary.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Metric templates as string settings of the metrics provider, so that the templates of a manifest reach a
 * provider chosen by name ({@code CanaryRun.builder().metrics("prometheus", config)}). Template {@code i} is
 * written as {@code template.<i>.name}, {@code .namespace}, {@code .query}, {@code .type}, its provider's
 * {@link MetricTemplate.Provider#settings() settings} ({@code .address}, {@code .secretRef},
 * {@code .insecureSkipVerify}, {@code .header.<Name>}) and its count queries ({@code .counts.requests},
 * {@code .counts.failures}, {@code .counts.buckets}). {@code CanaryManifest.providers()} (in
 * {@code canary-manifests}) holds them for the templates a canary refers to, and the {@code prometheus} factory
 * reads them back with {@link #read(Map)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TemplateSettings {
    /** The prefix of every template setting. */
    public static final String PREFIX = "template.";

    private static final String HEADER = "header.";
    private static final String COUNTS = "counts.";
    private static final List<String> FIELDS = List.of("name", "namespace", "query", "type", "address", "secretRef",
            "insecureSkipVerify", COUNTS + "requests", COUNTS + "failures", COUNTS + "buckets", HEADER + "<Name>");

    private TemplateSettings() {
    }

    /** The settings of {@code templates}, numbered from 0 in order. */
    public static Map<String, String> of(List<MetricTemplate> templates) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < templates.size(); i++) {
            MetricTemplate t = templates.get(i);
            String prefix = PREFIX + i + ".";
            settings.put(prefix + "name", t.name());
            settings.put(prefix + "namespace", t.namespace());
            settings.put(prefix + "query", t.query());
            settings.put(prefix + "type", t.provider().type());
            t.provider().settings().forEach((k, v) -> settings.put(prefix + k, v));
            if (t.counts() != null) {
                settings.put(prefix + COUNTS + "requests", t.counts().requests());
                settings.put(prefix + COUNTS + "failures", t.counts().failures());
                if (t.counts().buckets() != null) {
                    settings.put(prefix + COUNTS + "buckets", t.counts().buckets());
                }
            }
        }
        return settings;
    }

    /** Whether {@code key} is a template setting (starts with {@value #PREFIX}). */
    public static boolean isTemplateKey(String key) {
        return key.startsWith(PREFIX);
    }

    /**
     * The templates in {@code settings} (other keys are ignored), in the order of their numbers. A header's value
     * is kept as one value (several values of one header are joined with {@code ,}, as HTTP allows). The type
     * defaults to {@code prometheus}.
     *
     * @throws IllegalArgumentException naming every malformed key, unknown field and missing name, namespace or
     *                                  query
     */
    public static List<MetricTemplate> read(Map<String, String> settings) {
        Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        new TreeMap<>(settings).forEach((key, value) -> {
            if (!isTemplateKey(key)) {
                return;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            Integer index = dot > 0 ? index(rest.substring(0, dot)) : null;
            String field = dot > 0 ? rest.substring(dot + 1) : "";
            if (index == null || !(FIELDS.contains(field) || field.startsWith(HEADER)
                    && field.length() > HEADER.length())) {
                problems.add("'" + key + "' is not a template setting; use " + PREFIX + "<number>.<field> with a "
                        + "field of " + FIELDS);
                return;
            }
            byIndex.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(field, value);
        });
        List<MetricTemplate> templates = new ArrayList<>();
        byIndex.forEach((index, fields) -> {
            MetricTemplate template = template(PREFIX + index + ".", fields, problems);
            if (template != null) {
                templates.add(template);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid metric template settings: " + String.join("; ", problems));
        }
        return templates;
    }

    private static @Nullable MetricTemplate template(String prefix, Map<String, String> fields,
            List<String> problems) {
        List<String> missing = new ArrayList<>();
        for (String required : List.of("name", "namespace", "query")) {
            if (fields.getOrDefault(required, "").isBlank()) {
                missing.add(prefix + required);
            }
        }
        String insecure = fields.getOrDefault("insecureSkipVerify", "false");
        if (!insecure.equals("true") && !insecure.equals("false")) {
            problems.add(prefix + "insecureSkipVerify must be true or false but was '" + insecure + "'");
            return null;
        }
        if (!missing.isEmpty()) {
            problems.add(String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " required");
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith(HEADER)) {
                headers.put(field.substring(HEADER.length()), List.of(value));
            }
        });
        MetricTemplate.Provider provider = new MetricTemplate.Provider(fields.getOrDefault("type", "prometheus"),
                fields.get("address"), headers, fields.get("secretRef"), Boolean.parseBoolean(insecure));
        MetricTemplate.Counts counts = null;
        String requests = fields.get(COUNTS + "requests");
        String failures = fields.get(COUNTS + "failures");
        String buckets = fields.get(COUNTS + "buckets");
        if (requests != null || failures != null || buckets != null) {
            try {
                // a missing query is reported by Counts itself, naming the field
                @SuppressWarnings("NullAway")
                MetricTemplate.Counts given = new MetricTemplate.Counts(requests, failures, buckets);
                counts = given;
            } catch (IllegalArgumentException e) {
                problems.add(prefix + e.getMessage() + " (a template's count queries need requests and failures)");
                return null;
            }
        }
        return new MetricTemplate(fields.getOrDefault("name", ""), fields.getOrDefault("namespace", ""), provider,
                fields.getOrDefault("query", ""), counts);
    }

    private static @Nullable Integer index(String text) {
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.valueOf(text);
    }
}
