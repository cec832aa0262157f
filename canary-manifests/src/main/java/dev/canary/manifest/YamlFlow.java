package dev.canary.manifest;

import dev.canary.manifest.Node.ListNode;
import dev.canary.manifest.Node.Location;
import dev.canary.manifest.Node.MapNode;

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
    Node collection(long at) {
        return t.peek() == '[' ? list(at) : mapping(at);
    }

    private ListNode list(long at) {
        reader.enter(at);
        t.forward();
        NodeBuilder items = reader.builder().list();
        while (true) {
            skip();
            if (t.peek() == ']') {
                t.forward();
                break;
            }
            reader.push(items.count());
            long itemAt = t.at();
            Node item = node();
            skip();
            if (t.peek() == ':' && item instanceof Node.ScalarNode key) {
                item = pair(key, itemAt);
                skip();
            }
            reader.pop();
            items.add(item);
            if (!next(']')) {
                break;
            }
        }
        reader.leave();
        return items.toList(at);
    }

    /** {@code [key: value]}: a mapping of one entry inside a flow list. */
    private MapNode pair(Node.ScalarNode key, long at) {
        reader.enter(at);
        t.forward();
        reader.push(key.text());
        Node value = value();
        reader.pop();
        NodeBuilder entries = reader.builder().mapping();
        entries.put(key.text(), Node.MapNode.pack(key.location()), value);
        reader.leave();
        return entries.toMapping(at);
    }

    private MapNode mapping(long at) {
        reader.enter(at);
        t.forward();
        NodeBuilder entries = reader.builder().mapping();
        while (true) {
            skip();
            if (t.peek() == '}') {
                t.forward();
                break;
            }
            long keyAt = t.at();
            String key = key();
            reader.checkKey(key, keyAt, entries);
            skip();
            reader.push(key);
            Node value;
            if (t.peek() == ':') {
                t.forward();
                value = value();
            } else {
                value = reader.empty(t.at(), null);
            }
            reader.pop();
            entries.put(key, keyAt, value);
            if (!next('}')) {
                break;
            }
        }
        reader.leave();
        return entries.toMapping(at);
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
    private Node value() {
        long afterColon = t.at();
        skip();
        char c = t.peek();
        return c == ',' || c == '}' || c == ']' ? reader.empty(afterColon, null) : node();
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

    private Node node() {
        long at = t.at();
        String anchor = null;
        String tag = null;
        while (t.peek() == '&' || t.peek() == '!') {
            if (t.peek() == '&') {
                t.forward();
                anchor = reader.name("anchor");
            } else {
                tag = reader.tag();
            }
            skip();
        }
        char c = t.peek();
        if (c == ',' || c == ']' || c == '}') {
            if (anchor == null && tag == null) {
                throw t.error("a value was expected before '" + c + "'");
            }
            return reader.anchored(anchor, reader.empty(at, tag));
        }
        reader.count(at);
        Node node;
        if (c == '[' || c == '{') {
            node = collection(at);
        } else if (c == '*') {
            node = reader.alias(anchor != null || tag != null);
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
