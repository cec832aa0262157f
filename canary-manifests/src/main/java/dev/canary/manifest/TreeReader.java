package dev.canary.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.canary.manifest.Node.ListNode;
import dev.canary.manifest.Node.Location;
import dev.canary.manifest.Node.MapNode;
import dev.canary.manifest.Node.ScalarNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses YAML or JSON text into {@link Node} trees, one per document: YAML with {@link YamlReader}, JSON on
 * Jackson's streaming parser. No Java objects are built from tags, aliases are expanded within a node budget,
 * nesting is bounded, and duplicate keys and merge keys are rejected. Not thread-safe; one instance per load.
 */
final class TreeReader {
    /** The longest run of characters without white space read as YAML. */
    static final int MAX_YAML_WORD_CHARS = 8192;

    private final ManifestOptions options;
    private final Problems problems;
    private long nodes;
    private int document;

    TreeReader(ManifestOptions options, Problems problems) {
        this.options = options;
        this.problems = problems;
    }

    /** The documents in input order; an empty document is null. */
    List<@Nullable Node> read(String text) {
        checkCharacters(text);
        if (looksLikeJson(text)) {
            try {
                return parse(jsonFactory(), text);
            } catch (ManifestException jsonError) {
                try {
                    checkWords(text);
                    return new YamlReader(text, options, problems).read();
                } catch (ManifestException yamlError) {
                    throw jsonError;
                }
            }
        }
        checkWords(text);
        return new YamlReader(text, options, problems).read();
    }

    /**
     * No manifest value needs a run of more than {@link #MAX_YAML_WORD_CHARS} characters without white space (a
     * YAML parser that copies such a run per KiB read spends memory quadratic in its length); such runs are
     * refused, with where the first one is. JSON input has no such limit.
     */
    private void checkWords(String text) {
        int line = 1;
        int start = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                run = 0;
                if (c == '\n') {
                    line++;
                    start = i + 1;
                }
            } else if (++run > MAX_YAML_WORD_CHARS) {
                throw problems.fatal(new Location(line, i - run + 2 - start), "a run of more than "
                        + MAX_YAML_WORD_CHARS + " characters without a space or line break: the longest accepted in "
                        + "YAML (its memory cost grows with the square of its length); break it up, or send the "
                        + "input as JSON");
            }
        }
    }

    private List<@Nullable Node> parse(JsonFactory factory, String text) {
        List<@Nullable Node> documents = new ArrayList<>();
        document = 0;
        nodes = 0;
        try (JsonParser p = factory.createParser(text)) {
            try {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    document++;
                    Node root = value(p, t, Where.ROOT);
                    boolean empty = root instanceof ScalarNode s && (s.isNull() || "".equals(s.value()));
                    documents.add(empty ? null : root);
                }
            } catch (StreamConstraintsException e) {
                throw error("", location(p.currentLocation()), "nesting is deeper than " + options.maxDepth()
                        + " levels; no manifest needs that (raise ManifestOptions.maxDepth if yours does)");
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        } catch (IOException e) {
            throw problems.fatal(null, "cannot parse the input: " + e);
        } catch (ManifestException e) {
            throw e;
        } catch (RuntimeException e) {
            throw syntaxError(e);
        }
        return documents;
    }

    private Node value(JsonParser p, JsonToken t, Where path) throws IOException {
        Location at = location(p.currentTokenLocation());
        if (++nodes > options.maxNodes()) {
            throw error(path, at, "the input holds more than " + options.maxNodes() + " values (mappings, lists and "
                    + "scalars); split it, or raise ManifestOptions.maxNodes");
        }
        Node node = switch (t) {
            case START_OBJECT -> map(p, at, path);
            case START_ARRAY -> list(p, at, path);
            case VALUE_STRING -> new ScalarNode(p.getText(), p.getText(), at);
            case VALUE_NUMBER_INT -> new ScalarNode(p.getNumberValue(), p.getText(), at);
            case VALUE_NUMBER_FLOAT -> new ScalarNode(p.getDoubleValue(), p.getText(), at);
            case VALUE_TRUE, VALUE_FALSE -> new ScalarNode(t == JsonToken.VALUE_TRUE, p.getText(), at);
            case VALUE_NULL -> new ScalarNode(null, p.getText(), at);
            default -> throw error(path, at, "unsupported JSON value (" + t + ")");
        };
        return node;
    }

    private MapNode map(JsonParser p, Location at, Where path) throws IOException {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new HashMap<>();
        long size = 1;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Location keyAt = location(p.currentTokenLocation());
            Where child = path.key(key);
            if ("<<".equals(key)) {
                throw error(path, keyAt, "YAML merge keys (<<) are not supported; write the fields out");
            }
            Location first = keys.putIfAbsent(key, keyAt);
            if (first != null) {
                throw error(child, keyAt, "duplicate key '" + key + "' (first at line " + first.line() + ")");
            }
            Node value = value(p, p.nextToken(), child);
            entries.put(key, value);
            size += value.size();
        }
        if (t != JsonToken.END_OBJECT) {
            throw error(path, at, "unexpected " + t + " in a mapping");
        }
        return new MapNode(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keys), at, size);
    }

    private ListNode list(JsonParser p, Location at, Where path) throws IOException {
        List<Node> items = new ArrayList<>();
        long size = 1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw error(path, at, "unexpected end of input in a list");
            }
            Node item = value(p, t, path.index(items.size()));
            items.add(item);
            size += item.size();
        }
        return new ListNode(List.copyOf(items), at, size);
    }

    private ManifestException error(Where path, Location at, String message) {
        return error(path.toString(), at, message);
    }

    private ManifestException error(String path, Location at, String message) {
        return new ManifestException(problems.source(), List.of(
                new ManifestProblem(document, path, at.line(), at.column(), message)));
    }

    private ManifestException syntaxError(Exception e) {
        if (e instanceof JsonProcessingException j) {
            String message = String.valueOf(j.getOriginalMessage()).lines().findFirst().orElse("");
            return error("", location(j.getLocation()), "not valid JSON: " + message);
        }
        return error("", Location.UNKNOWN, "not valid JSON: " + e.getMessage());
    }

    private static Location location(@Nullable JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? Location.UNKNOWN : new Location(l.getLineNr(), l.getColumnNr());
    }

    /** YAML allows no control characters but tab and line breaks; say where the first one is. */
    private void checkCharacters(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!printable(c)) {
                throw problems.fatal(new Location(line, column), String.format("character U+%04X is not allowed in "
                        + "YAML or JSON text (binary data?)", (int) c));
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    private static boolean printable(char c) {
        return c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7E || c == 0x85
                || c >= 0xA0 && c <= 0xFFFD;
    }

    private static boolean looksLikeJson(String text) {
        String s = text.stripLeading();
        return s.startsWith("{") || s.startsWith("[");
    }

    private StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(options.maxDepth())
                .maxStringLength(options.maxInputChars()).maxNumberLength(64).build();
    }

    private JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(constraints()).build();
    }

}
