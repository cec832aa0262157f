package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canary.spec.MetricTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field of Flagger's CRDs (the copy in test resources) is known to the loader: setting it gives no
 * "unknown field" problem. Whether it is honoured, ignored with a warning or rejected is the support table's
 * business; this test makes sure none falls through it.
 */
class CrdCoverageTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Field(List<String> path, JsonNode schema) {
        String dotted() {
            return String.join(".", path).replace(".[]", "[0]");
        }
    }

    @Test
    void everyCanaryFieldIsKnown() throws IOException {
        List<Field> fields = fields("Canary");

        assertThat(fields).hasSizeGreaterThan(250);
        fields.forEach(f -> assertKnown(f, base(Fixtures.canary(""))));
    }

    @Test
    void everyMetricTemplateAndAlertProviderFieldIsKnown() throws IOException {
        ObjectNode template = base("""
                apiVersion: flagger.app/v1beta1
                kind: MetricTemplate
                metadata: {name: t}
                spec: {provider: {type: prometheus}, query: up}
                """);
        ObjectNode alert = base("""
                apiVersion: flagger.app/v1beta1
                kind: AlertProvider
                metadata: {name: a}
                spec: {type: slack, address: "https://hooks.example/x"}
                """);

        fields("MetricTemplate").forEach(f -> assertKnown(f, template));
        fields("AlertProvider").forEach(f -> assertKnown(f, alert));
    }

    private static void assertKnown(Field field, ObjectNode base) {
        ObjectNode doc = base.deepCopy();
        set(doc, field.path(), 0, sample(field.schema()));
        List<ManifestProblem> problems = new ArrayList<>();
        try {
            problems.addAll(CanaryManifests.load(YAML.valueToTree(doc).toString()).warnings());
        } catch (ManifestException e) {
            problems.addAll(e.problems());
        }
        assertThat(problems).as(field.dotted()).noneSatisfy(p -> assertThat(p.message()).startsWith("unknown field"));
    }

    /** Every property path under the kind's {@code spec} and {@code status} (metadata is Kubernetes'). */
    private static List<Field> fields(String kind) throws IOException {
        for (JsonNode crd : YAML.readValues(YAML.createParser(Fixtures.text("flagger/crd.yaml")), JsonNode.class)
                .readAll()) {
            if (kind.equals(crd.at("/spec/names/kind").asText())) {
                JsonNode root = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties");
                List<Field> out = new ArrayList<>();
                walk(List.of("spec"), root.get("spec"), out);
                if (root.has("status")) {
                    walk(List.of("status"), root.get("status"), out);
                }
                return out;
            }
        }
        throw new AssertionError("no CRD for " + kind);
    }

    private static void walk(List<String> path, JsonNode schema, List<Field> out) {
        out.add(new Field(path, schema));
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            walk(append(path, p.getKey()), p.getValue(), out);
        }
        if (schema.has("items")) {
            walk(append(path, "[]"), schema.get("items"), out);
        }
        if (schema.path("additionalProperties").isObject()) {
            walk(append(path, "k"), schema.get("additionalProperties"), out);
        }
    }

    private static JsonNode sample(JsonNode schema) {
        if (schema.has("enum")) {
            for (JsonNode value : schema.get("enum")) {
                if (!value.asText().isEmpty()) {
                    return value;
                }
            }
        }
        return switch (schema.path("type").asText()) {
            case "string" -> NODES.textNode(schema.has("pattern") && schema.get("pattern").asText().contains("(m|s)")
                    ? "30s" : "url".equals(schema.path("format").asText()) ? "http://example/" : "x");
            case "number", "integer" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> NODES.arrayNode().add(sample(schema.path("items")));
            case "object" -> NODES.objectNode();
            default -> NODES.numberNode(8080);
        };
    }

    /** Sets {@code value} at {@code path}, creating (or reusing) the objects and one-item lists on the way. */
    private static void set(JsonNode node, List<String> path, int i, JsonNode value) {
        String key = path.get(i);
        boolean last = i == path.size() - 1;
        if (node instanceof ArrayNode list) {
            if (last) {
                list.removeAll().add(value);
                return;
            }
            if (list.isEmpty() || !list.get(0).isContainerNode()) {
                list.removeAll().add("[]".equals(path.get(i + 1)) ? NODES.arrayNode() : NODES.objectNode());
            }
            set(list.get(0), path, i + 1, value);
            return;
        }
        ObjectNode object = (ObjectNode) node;
        if (last) {
            object.set(key, value);
            return;
        }
        boolean nextIsList = "[]".equals(path.get(i + 1));
        JsonNode child = object.get(key);
        if (child == null || nextIsList != child.isArray()) {
            child = nextIsList ? NODES.arrayNode() : NODES.objectNode();
            object.set(key, child);
        }
        set(child, path, i + 1, value);
    }

    private static ObjectNode base(String yaml) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> append(List<String> path, String key) {
        List<String> next = new ArrayList<>(path);
        next.add(key);
        return next;
    }
}
