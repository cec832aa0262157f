package dev.canary.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canary.spec.Redaction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads the Prometheus API envelope: {@code status}, {@code data}, {@code errorType}, {@code error}, warnings. */
final class ResponseParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What Prometheus' float formatting produces, apart from the special values. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final int SNIPPET = 300;

    private ResponseParser() {
    }

    /** Parses a 2xx response body. */
    static QueryResult parse(byte[] body, String query, Redaction redaction) throws PrometheusException {
        JsonNode root = readTree(body, query);
        List<String> warnings = strings(root.path("warnings"), redaction);
        String status = root.path("status").asText("");
        if ("error".equals(status)) {
            throw new PrometheusException("Prometheus answered status error (" + errorType(root) + "): "
                    + quoted(redaction, root.path("error").asText("")) + "; query: " + query, 200,
                    errorType(root), query, false, null);
        }
        if (!"success".equals(status)) {
            throw invalid("status must be 'success' or 'error' but was '" + quoted(redaction, status) + "'", query);
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        return switch (type) {
            case "vector" -> new QueryResult.Vector(vector(result, query), warnings);
            case "matrix" -> new QueryResult.Matrix(matrix(result, query), warnings);
            case "scalar" -> new QueryResult.Scalar(sample(result, query), warnings);
            case "string" -> new QueryResult.Text(time(result.path(0), query), result.path(1).asText(""), warnings);
            default -> throw invalid("data.resultType must be vector, matrix, scalar or string but was '"
                    + quoted(redaction, type) + "'", query);
        };
    }

    /** The error of a non-2xx response: Prometheus' {@code errorType} and {@code error}, or a body snippet. */
    static ErrorBody error(byte[] body, Redaction redaction) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root != null && root.isObject() && root.has("error")) {
                return new ErrorBody(errorType(root), quoted(redaction, root.path("error").asText("")));
            }
        } catch (IOException e) {
            // not the API envelope (a proxy in front of Prometheus, say): quote the text instead
        }
        String text = new String(body, 0, Math.min(body.length, SNIPPET * 4), java.nio.charset.StandardCharsets.UTF_8);
        return new ErrorBody(null, redaction.quote(text, SNIPPET));
    }

    /** Server text fit for a message: masked, on one line, at most 1000 characters. */
    private static String quoted(Redaction redaction, String text) {
        return redaction.quote(text, 1000);
    }

    /** Prometheus' error type and message from an error response. */
    record ErrorBody(@Nullable String errorType, String error) {
    }

    /** Parses a sample value: Prometheus encodes them as strings, including NaN, +Inf and -Inf. */
    static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!NUMBER.matcher(text).matches()) {
                    throw new NumberFormatException("'" + text + "' is not a Prometheus sample value");
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private static JsonNode readTree(byte[] body, String query) throws PrometheusException {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw invalid("the response is not a JSON object", query);
            }
            return root;
        } catch (IOException e) {
            throw new PrometheusException("Prometheus' response is not valid JSON (" + e.getClass().getSimpleName()
                    + " at " + location(e) + "); query: " + query, 200, null, query, false, null);
        }
    }

    private static String location(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                ? "byte " + jpe.getLocation().getByteOffset() : "unknown position";
    }

    private static List<QueryResult.VectorSample> vector(JsonNode result, String query) throws PrometheusException {
        List<QueryResult.VectorSample> out = new ArrayList<>(result.size());
        for (JsonNode series : array(result, "data.result", query)) {
            if (!series.has("value")) {
                throw invalid("series " + labels(series) + " has no float 'value' (native histograms are not "
                        + "supported; query histogram_quantile or a float expression)", query);
            }
            out.add(new QueryResult.VectorSample(labels(series), sample(series.path("value"), query)));
        }
        return out;
    }

    private static List<QueryResult.Series> matrix(JsonNode result, String query) throws PrometheusException {
        List<QueryResult.Series> out = new ArrayList<>(result.size());
        for (JsonNode series : array(result, "data.result", query)) {
            List<QueryResult.Sample> samples = new ArrayList<>();
            for (JsonNode point : array(series.path("values"), "values of " + labels(series), query)) {
                samples.add(sample(point, query));
            }
            out.add(new QueryResult.Series(labels(series), samples));
        }
        return out;
    }

    private static QueryResult.Sample sample(JsonNode pair, String query) throws PrometheusException {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
            throw invalid("a sample must be [<time>, \"<value>\"] but was " + abbreviate(pair.toString()), query);
        }
        try {
            return new QueryResult.Sample(time(pair.get(0), query), value(pair.get(1).asText()));
        } catch (NumberFormatException e) {
            throw invalid(e.getMessage(), query);
        }
    }

    private static Instant time(JsonNode node, String query) throws PrometheusException {
        if (!node.isNumber()) {
            throw invalid("a sample time must be a number of seconds but was " + abbreviate(node.toString()), query);
        }
        return Instant.ofEpochMilli(Math.round(node.asDouble() * 1000));
    }

    private static Map<String, String> labels(JsonNode series) {
        Map<String, String> labels = new LinkedHashMap<>();
        series.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static Iterable<JsonNode> array(JsonNode node, String what, String query) throws PrometheusException {
        if (!node.isArray()) {
            throw invalid(what + " must be an array", query);
        }
        return node;
    }

    private static List<String> strings(JsonNode node, Redaction redaction) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(quoted(redaction, n.asText())));
        return out;
    }

    private static @Nullable String errorType(JsonNode root) {
        JsonNode type = root.get("errorType");
        return type == null || type.isNull() ? null : type.asText();
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    private static PrometheusException invalid(String problem, String query) {
        return new PrometheusException("Prometheus' response is not a valid query result: " + problem
                + "; query: " + query, 200, null, query, false, null);
    }
}
