package dev.canary.manifest;

import dev.canary.manifest.Node.ListNode;
import dev.canary.manifest.Node.Location;
import dev.canary.manifest.Node.MapNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML flow collections ({@code [a, b]}, {@code {k: v}}, JSON-style too) for a {@link YamlReader}, which
 * keeps the budgets, anchors and errors. Not thread-safe; one per collection.
 */
final class YamlFlow {
    private final YamlReader reader;
    private final YamlText t;

    YamlFlow(YamlReader reader, YamlText t) {
        this.reader = reader;
        this.t = t;
    }

    /** The list or mapping at the position (on its bracket), already counted. */
    Node collection(Where path, Location at) {
        return t.peek() == '[' ? list(path, at) : mapping(path, at);
    }

    private ListNode list(Where path, Location at) {
        reader.enter(path, at);
        t.forward();
        List<Node> items = new ArrayList<>();
        long size = 1;
        while (true) {
            skip();
            if (t.peek() == ']') {
                t.forward();
                break;
            }
            Where child = path.index(items.size());
            Location itemAt = t.here();
            Node item = node(child);
            skip();
            if (t.peek() == ':' && item instanceof Node.ScalarNode key) {
                item = pair(child, key, itemAt);
                skip();
            }
            items.add(item);
            size += item.size();
            if (!next(']')) {
                break;
            }
        }
        reader.leave();
        return new ListNode(Collections.unmodifiableList(items), at, size);
    }

    /** {@code [key: value]}: a mapping of one entry inside a flow list. */
    private MapNode pair(Where path, Node.ScalarNode key, Location at) {
        reader.enter(path, at);
        t.forward();
        Node value = value(path.key(key.text()));
        reader.leave();
        return new MapNode(Map.of(key.text(), value), Map.of(key.text(), key.location()), at, 1 + value.size());
    }

    private MapNode mapping(Where path, Location at) {
        reader.enter(path, at);
        t.forward();
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new HashMap<>();
        long size = 1;
        while (true) {
            skip();
            if (t.peek() == '}') {
                t.forward();
                break;
            }
            Location keyAt = t.here();
            String key = key();
            Where child = path.key(key);
            if ("<<".equals(key)) {
                throw reader.error(path, keyAt, "YAML merge keys (<<) are not supported; write the fields out");
            }
            Location first = keys.putIfAbsent(key, keyAt);
            if (first != null) {
                throw reader.error(child, keyAt, "duplicate key '" + key + "' (first at line " + first.line() + ")");
            }
            skip();
            Node value;
            if (t.peek() == ':') {
                t.forward();
                value = value(child);
            } else {
                value = reader.empty(child, t.here(), null);
            }
            entries.put(key, value);
            size += value.size();
            if (!next('}')) {
                break;
            }
        }
        reader.leave();
        return new MapNode(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keys), at, size);
    }

    /** After an entry: true when another may follow (a ','), false at the closing bracket. */
    private boolean next(char close) {
        skip();
        if (t.peek() == ',') {
            t.forward();
            return true;
        }
        if (t.peek() == close) {
            t.forward();
            return false;
        }
        throw t.error("expected ',' or '" + close + "' in a flow " + (close == ']' ? "list" : "mapping"));
    }

    /** A value after ':' (the position just after it); empty before ',' or the closing bracket. */
    private Node value(Where path) {
        Location afterColon = t.here();
        skip();
        char c = t.peek();
        return c == ',' || c == '}' || c == ']' ? reader.empty(path, afterColon, null) : node(path);
    }

    private String key() {
        char c = t.peek();
        if (c == '"' || c == '\'') {
            return YamlQuoted.quoted(t);
        }
        if ("[{&!*".indexOf(c) >= 0 || c == '?' && t.blankAt(1)) {
            throw t.error("a key must be plain or quoted text (no list, mapping, anchor, tag, alias or '? ')");
        }
        reader.checkPlainStart(true);
        return t.plain(true, -1, true);
    }

    private Node node(Where path) {
        Location at = t.here();
        String anchor = null;
        String tag = null;
        while (t.peek() == '&' || t.peek() == '!') {
            if (t.peek() == '&') {
                t.forward();
                anchor = reader.name("anchor");
            } else {
                tag = reader.tag(path);
            }
            skip();
        }
        char c = t.peek();
        if (c == ',' || c == ']' || c == '}') {
            if (anchor == null && tag == null) {
                throw t.error("a value was expected before '" + c + "'");
            }
            return reader.anchored(anchor, reader.empty(path, at, tag));
        }
        reader.count(path, at);
        Node node;
        if (c == '[' || c == '{') {
            node = collection(path, at);
        } else if (c == '*') {
            node = reader.alias(path, anchor != null || tag != null);
        } else if (c == '"' || c == '\'') {
            node = reader.scalar(YamlQuoted.quoted(t), at, tag, false);
        } else {
            reader.checkPlainStart(true);
            node = reader.scalar(t.plain(true, -1, true), at, tag, true);
        }
        return reader.anchored(anchor, node);
    }

    /** Skips white space, line breaks and comments inside a flow collection. */
    private void skip() {
        t.skipToContent();
        if (t.eof()) {
            throw t.error("the input ends inside a flow list or mapping; close it");
        }
        if (t.atAnyMarker()) {
            throw t.error("a document marker inside a flow list or mapping; close it first");
        }
    }
}
