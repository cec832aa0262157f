package dev.canary.traefik;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.keyword.DisallowUnknownKeywordFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Validates objects against the {@code openAPIV3Schema} of Traefik's real CRDs (copied into
 * {@code src/test/resources/traefik-crds/}). A {@code traefik.io} object is checked against the v3.7.9 and the
 * v2.11.53 schema, a {@code traefik.containo.us} object against v2.11.53's.
 */
final class CrdSchemas {
    private static final Dialect KUBERNETES = Dialect.builder(Dialects.getOpenApi30())
            .unknownKeywordFactory((keyword, context) -> keyword.startsWith("x-kubernetes-")
                    ? new AnnotationKeyword(keyword)
                    : DisallowUnknownKeywordFactory.getInstance().getKeyword(keyword, context))
            .build();
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private CrdSchemas() {
    }

    /** The schema files an object of {@code apiVersion} and {@code kind} must satisfy. */
    static List<String> filesFor(String apiVersion, String kind) {
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        String plural = switch (kind) {
            case "TraefikService" -> "traefikservices";
            case "IngressRoute" -> "ingressroutes";
            default -> throw new IllegalArgumentException("no CRD schema for kind " + kind);
        };
        String file = group + "_" + plural + ".yaml";
        return group.equals("traefik.io") ? List.of("v3.7.9/" + file, "v2.11.53/" + file)
                : List.of("v2.11.53/" + file);
    }

    /** Every schema violation of {@code json}, each prefixed with the schema file; empty when valid. */
    static List<String> problems(String json) {
        JsonNode object = JsonMapper.shared().readTree(json);
        List<String> problems = new ArrayList<>();
        for (String file : filesFor(object.path("apiVersion").asString(), object.path("kind").asString())) {
            for (Error error : schema(file).validate(object)) {
                problems.add(file + ": " + error.getInstanceLocation() + " " + error.getKeyword() + ": "
                        + error.getMessage());
            }
        }
        return problems;
    }

    private static Schema schema(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            try (InputStream in = CrdSchemas.class.getResourceAsStream("/traefik-crds/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource traefik-crds/" + f);
                }
                JsonNode crd = YAMLMapper.builder().build().readTree(in);
                JsonNode openApi = crd.at("/spec/versions/0/schema/openAPIV3Schema");
                return SchemaRegistry.withDefaultDialect(KUBERNETES).getSchema(openApi);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
