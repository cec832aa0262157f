package dev.canary.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.RollbackTiming;
import dev.canary.spec.ServiceSpec;
import dev.canary.spi.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link CanarySpec} as a {@code flagger.app/v1beta1} Canary manifest that loads back to an equal
 * spec. Fields at their default are left out; this library's extensions are written only when set.
 */
final class ManifestWriter {
    private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private final List<ManifestProblem> problems = new ArrayList<>();

    private ManifestWriter() {
    }

    static String write(CanarySpec spec) {
        ManifestWriter writer = new ManifestWriter();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", DocumentLoader.API_VERSION);
        root.put("kind", "Canary");
        Map<String, Object> metadata = ordered("name", spec.name(), "namespace", spec.namespace());
        Map<String, Object> annotations = SequentialAnnotations.write(spec.analysis());
        if (!annotations.isEmpty()) {
            metadata.put("annotations", annotations);
        }
        root.put("metadata", metadata);
        root.put("spec", writer.spec(spec));
        if (!writer.problems.isEmpty()) {
            throw new ManifestException("canary " + spec.key(), writer.problems);
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new ManifestException("canary " + spec.key(), List.of(new ManifestProblem(0, "", 0, 0,
                    "cannot write YAML: " + e.getOriginalMessage())));
        }
    }

    /** Writes {@code template} as a {@code MetricTemplate} document, its count queries as annotations. */
    static String write(MetricTemplate template) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", DocumentLoader.API_VERSION);
        root.put("kind", "MetricTemplate");
        Map<String, Object> metadata = ordered("name", template.name(), "namespace", template.namespace());
        if (template.counts() != null) {
            metadata.put("annotations", CountAnnotations.write(template.counts()));
        }
        root.put("metadata", metadata);
        MetricTemplate.Provider p = template.provider();
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("type", p.type());
        putIf(provider, "address", p.address(), p.address() != null);
        putIf(provider, "secretRef", ordered("name", p.secretRef()), p.secretRef() != null);
        putIf(provider, "insecureSkipVerify", true, p.insecureSkipVerify());
        putIf(provider, "headers", p.headers(), !p.headers().isEmpty());
        root.put("spec", ordered("provider", provider, "query", template.query()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new ManifestException("metric template " + template.namespace() + "/" + template.name(),
                    List.of(new ManifestProblem(0, "", 0, 0, "cannot write YAML: " + e.getOriginalMessage())));
        }
    }

    private Map<String, Object> spec(CanarySpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "provider", spec.provider(), spec.provider() != null);
        putIf(m, "metricsServer", spec.metricsServer(), spec.metricsServer() != null);
        m.put("targetRef", ordered("apiVersion", spec.targetRef().apiVersion(), "kind", spec.targetRef().kind(),
                "name", spec.targetRef().name()));
        if (!spec.progressDeadline().equals(CanarySpec.DEFAULT_PROGRESS_DEADLINE)) {
            m.put("progressDeadlineSeconds", seconds(spec.progressDeadline()));
        }
        m.put("service", service(spec.service(), spec.targetRef().name()));
        putIf(m, "skipAnalysis", true, spec.skipAnalysis());
        putIf(m, "suspend", true, spec.suspend());
        putIf(m, "revertOnDeletion", true, spec.revertOnDeletion());
        m.put("analysis", analysis(spec.analysis()));
        return m;
    }

    private static Map<String, Object> service(ServiceSpec s, String targetName) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "name", s.name(), !s.name().equals(targetName));
        m.put("port", s.port());
        putIf(m, "portName", s.portName(), !ServiceSpec.DEFAULT_PORT_NAME.equals(s.portName()));
        if (s.targetPort() != null) {
            m.put("targetPort", s.targetPort().matches("[1-9][0-9]{0,4}") ? (Object) Integer.valueOf(s.targetPort())
                    : s.targetPort());
        }
        return m;
    }

    private Map<String, Object> analysis(AnalysisSpec a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interval", duration("spec.analysis.interval", a.interval()));
        m.put("threshold", a.threshold());
        putIf(m, "maxWeight", a.maxWeight(), a.maxWeight() != AnalysisSpec.DEFAULT_MAX_WEIGHT);
        putIf(m, "stepWeight", a.stepWeight(), a.stepWeight() != 0);
        putIf(m, "stepWeights", a.stepWeights(), !a.stepWeights().isEmpty());
        putIf(m, "stepWeightPromotion", a.stepWeightPromotion(), a.stepWeightPromotion() != 0);
        putIf(m, "iterations", a.iterations(), a.iterations() != 0);
        putIf(m, "mirror", true, a.mirror());
        putIf(m, "mirrorWeight", a.mirrorWeight(), a.mirrorWeight() != 0);
        putIf(m, "primaryReadyThreshold", a.primaryReadyThreshold(),
                a.primaryReadyThreshold() != AnalysisSpec.DEFAULT_READY_THRESHOLD);
        putIf(m, "canaryReadyThreshold", a.canaryReadyThreshold(),
                a.canaryReadyThreshold() != AnalysisSpec.DEFAULT_READY_THRESHOLD);
        ChecksWriter checks = new ChecksWriter(problems);
        putIf(m, "match", checks.match(a.match()), !a.match().isEmpty());
        putIf(m, "metrics", checks.metrics(a.metrics()), !a.metrics().isEmpty());
        putIf(m, "webhooks", checks.webhooks(a.webhooks()), !a.webhooks().isEmpty());
        putIf(m, "alerts", checks.alerts(a.alerts()), !a.alerts().isEmpty());
        putIf(m, "rollbackTiming", AnalysisReader.wireName(a.rollbackTiming().name()),
                a.rollbackTiming() != RollbackTiming.SAME_TICK);
        return m;
    }

    private long seconds(Duration d) {
        if (d.getNano() != 0) {
            problems.add(new ManifestProblem(0, "spec.progressDeadlineSeconds", 0, 0, "cannot be written: "
                    + d + " is not a whole number of seconds"));
        }
        return d.getSeconds();
    }

    private String duration(String path, Duration d) {
        return duration(problems, path, d);
    }

    /** Flagger's format; a duration with a part below one millisecond cannot be written. */
    static String duration(List<ManifestProblem> problems, String path, Duration d) {
        if (d.getNano() % 1_000_000 != 0) {
            problems.add(new ManifestProblem(0, path, 0, 0, "cannot be written: " + d + " has a part below one "
                    + "millisecond"));
        }
        return Durations.format(d);
    }

    static void putIf(Map<String, Object> m, String key, @Nullable Object value, boolean condition) {
        if (condition && value != null) {
            m.put(key, value);
        }
    }

    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
