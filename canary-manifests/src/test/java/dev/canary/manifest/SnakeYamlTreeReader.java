package dev.canary.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
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
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The test oracle for {@link YamlReader}: parses YAML into {@link Node} trees on Jackson's YAML parser over
 * SnakeYAML, as the loader did before it had its own reader (same tags, aliases, limits and duplicate-key
 * rules). Not thread-safe; one instance per load.
 */
final class SnakeYamlTreeReader {
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");
    private static final String CORE_TAG_PREFIX = "tag:yaml.org,2002:";

    private final ManifestOptions options;
    private final Problems problems;
    private final Map<String, Node> anchors = new HashMap<>();
    private long aliasNodes;
    private long nodes;
    private int document;

    SnakeYamlTreeReader(ManifestOptions options, Problems problems) {
        this.options = options;
        this.problems = problems;
    }

    /** The documents in input order; an empty document is null. */
    List<@Nullable Node> read(String text) {
        return parse(yamlFactory(), text);
    }


    private List<@Nullable Node> parse(JsonFactory factory, String text) {
        List<@Nullable Node> documents = new ArrayList<>();
        document = 0;
        aliasNodes = 0;
        nodes = 0;
        try (JsonParser p = factory.createParser(text)) {
            try {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    document++;
                    anchors.clear();
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
        checkTag(p, at, path);
        Object anchor = p instanceof YAMLParser ? p.getObjectId() : null;
        Node node = switch (t) {
            case START_OBJECT -> map(p, at, path);
            case START_ARRAY -> list(p, at, path);
            case VALUE_STRING -> p instanceof YAMLParser y && y.isCurrentAlias()
                    ? alias(p.getText(), at, path) : new ScalarNode(p.getText(), p.getText(), at);
            case VALUE_NUMBER_INT -> new ScalarNode(p.getNumberValue(), p.getText(), at);
            case VALUE_NUMBER_FLOAT -> new ScalarNode(p.getDoubleValue(), p.getText(), at);
            case VALUE_TRUE, VALUE_FALSE -> new ScalarNode(t == JsonToken.VALUE_TRUE, p.getText(), at);
            case VALUE_NULL -> new ScalarNode(null, p.getText(), at);
            default -> throw error(path, at, "unsupported YAML value (" + t + "); use plain mappings, lists and "
                    + "scalars");
        };
        if (anchor != null) {
            anchors.put(anchor.toString(), node);
        }
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

    private Node alias(String name, Location at, Where path) {
        Node target = anchors.get(name);
        if (target == null) {
            throw error(path, at, "alias *" + name + " refers to no anchor &" + name + " before it");
        }
        aliasNodes += target.size();
        if (aliasNodes > options.maxAliasNodes()) {
            throw error(path, at, "YAML aliases expand to more than " + options.maxAliasNodes() + " nodes "
                    + "(a \"billion laughs\" input?); write the values out, or raise ManifestOptions.maxAliasNodes");
        }
        return target;
    }

    private void checkTag(JsonParser p, Location at, Where path) throws IOException {
        if (p instanceof YAMLParser y) {
            String tag = y.getTypeId();
            if (tag != null && !(tag.startsWith(CORE_TAG_PREFIX)
                    && CORE_TAGS.contains(tag.substring(CORE_TAG_PREFIX.length())))) {
                String shown = tag.startsWith(CORE_TAG_PREFIX) ? "!!" + tag.substring(CORE_TAG_PREFIX.length()) : tag;
                throw error(path, at, "YAML tag '" + shown + "' is not supported; remove it (only plain values, "
                        + "lists and mappings are read)");
            }
        }
    }

    private ManifestException error(Where path, Location at, String message) {
        return error(path.toString(), at, message);
    }

    private ManifestException error(String path, Location at, String message) {
        return new ManifestException(problems.source(), List.of(
                new ManifestProblem(document, path, at.line(), at.column(), message)));
    }

    private ManifestException syntaxError(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                String context = m.getContext() == null ? "" : m.getContext() + ": ";
                return error("", new Location(m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1),
                        "not valid YAML: " + context + m.getProblem());
            }
        }
        if (e instanceof JsonProcessingException j) {
            String message = String.valueOf(j.getOriginalMessage()).lines().findFirst().orElse("");
            return error("", location(j.getLocation()), "not valid " + (isYaml(j) ? "YAML" : "JSON") + ": "
                    + message);
        }
        return error("", Location.UNKNOWN, "not valid YAML: " + e.getMessage());
    }

    private static boolean isYaml(JsonProcessingException e) {
        return e.getProcessor() instanceof YAMLParser;
    }

    private static Location location(@Nullable JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? Location.UNKNOWN : new Location(l.getLineNr(), l.getColumnNr());
    }




    private StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(options.maxDepth())
                .maxStringLength(options.maxInputChars()).maxNumberLength(64).build();
    }


    private YAMLFactory yamlFactory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(options.maxInputChars() + 16);
        loader.setNestingDepthLimit(options.maxDepth());
        loader.setProcessComments(false);
        return YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(constraints())
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    }
}
