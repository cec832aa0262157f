package dev.canary.micrometer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus' text exposition format (0.0.4) parsed into samples and the families' types: enough of the format
 * to check what a scrape shows (label values with escapes, {@code NaN} / {@code +Inf}, optional timestamps).
 */
record Exposition(List<Sample> samples, Map<String, String> types, String text) {
    /** One line of the scrape: a series and its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                types.put(parts[0], parts[1]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
        return new Exposition(List.copyOf(samples), Map.copyOf(types), text);
    }

    /** Parses {@code name{labels} value} or {@code name value}, as a scrape line or as a series to look for. */
    static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || (space >= 0 && space < brace)) {
            String[] parts = line.split(" ");
            return new Sample(parts[0], Map.of(), parts.length > 1 ? number(parts[1]) : Double.NaN);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String label = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            i = line.charAt(j + 1) == ',' ? j + 2 : j + 1;
        }
        String rest = line.substring(i + 1).strip();
        return new Sample(line.substring(0, brace), Map.copyOf(labels),
                rest.isEmpty() ? Double.NaN : number(rest.split(" ")[0]));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** The sample of exactly this name and these labels. */
    Optional<Sample> find(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst();
    }

    /** The samples named {@code name}. */
    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }
}
