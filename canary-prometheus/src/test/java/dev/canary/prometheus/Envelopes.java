package dev.canary.prometheus;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Prometheus API response bodies for WireMock stubs and parser tests. */
final class Envelopes {
    static final String TIME = "1700000000.123";

    private Envelopes() {
    }

    static String vector(String... values) {
        String series = Arrays.stream(values)
                .map(v -> "{\"metric\":{},\"value\":[" + TIME + ",\"" + v + "\"]}")
                .collect(Collectors.joining(","));
        return success("vector", "[" + series + "]");
    }

    /** A vector with one series per label set, given as {@code name=value} pairs joined by commas. */
    static String labelledVector(String value, String... labelSets) {
        String series = Arrays.stream(labelSets)
                .map(l -> "{\"metric\":{" + labels(l) + "},\"value\":[" + TIME + ",\"" + value + "\"]}")
                .collect(Collectors.joining(","));
        return success("vector", "[" + series + "]");
    }

    /**
     * The answer of a combined count query: the requests and failures series (left out when null) and one bucket
     * series per {@code le=count} pair, each tagged with its part.
     */
    static String counts(String requests, String failures, String... buckets) {
        java.util.List<String> series = new java.util.ArrayList<>();
        if (requests != null) {
            series.add(sample("\"canary_count\":\"requests\"", requests));
        }
        if (failures != null) {
            series.add(sample("\"canary_count\":\"failures\"", failures));
        }
        for (String bucket : buckets) {
            String[] leCount = bucket.split("=", 2);
            series.add(sample("\"canary_count\":\"buckets\",\"le\":\"" + leCount[0] + "\"", leCount[1]));
        }
        return success("vector", "[" + String.join(",", series) + "]");
    }

    private static String sample(String labels, String value) {
        return "{\"metric\":{" + labels + "},\"value\":[" + TIME + ",\"" + value + "\"]}";
    }

    static String scalar(String value) {
        return success("scalar", "[" + TIME + ",\"" + value + "\"]");
    }

    static String text(String value) {
        return success("string", "[" + TIME + ",\"" + value + "\"]");
    }

    static String matrix(String labels, String... values) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            points.append(i > 0 ? "," : "").append("[").append(1700000000 + i * 10).append(",\"")
                    .append(values[i]).append("\"]");
        }
        return success("matrix", "[{\"metric\":{" + labels(labels) + "},\"values\":[" + points + "]}]");
    }

    static String withWarnings(String body, String... warnings) {
        String list = Arrays.stream(warnings).map(w -> "\"" + w + "\"").collect(Collectors.joining(","));
        return body.substring(0, body.length() - 1) + ",\"warnings\":[" + list + "]}";
    }

    static String error(String errorType, String error) {
        return "{\"status\":\"error\",\"errorType\":\"" + errorType + "\",\"error\":\"" + error.replace("\"", "\\\"")
                + "\"}";
    }

    private static String success(String type, String result) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"" + type + "\",\"result\":" + result + "}}";
    }

    private static String labels(String pairs) {
        if (pairs.isEmpty()) {
            return "";
        }
        return Arrays.stream(pairs.split(","))
                .map(p -> p.split("=", 2))
                .map(kv -> "\"" + kv[0] + "\":\"" + kv[1] + "\"")
                .collect(Collectors.joining(","));
    }
}
