package dev.canary.manifest;

import dev.canary.manifest.Node.Location;
import dev.canary.manifest.Node.ScalarNode;
import dev.canary.manifest.YamlText.SyntaxError;
import dev.canary.manifest.Node.ListNode;
import dev.canary.manifest.Node.MapNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads YAML text into {@link Node} trees, one per document, for the part of YAML 1.1 that manifests use: block
 * and flow mappings and lists, plain, quoted and block scalars, comments, {@code ---}/{@code ...} document streams,
 * anchors and aliases. It allocates a small multiple of the input (the scalars, the nodes and their locations):
 * no token or event objects. Tags other than YAML's core types, merge keys, duplicate keys, explicit ({@code ?})
 * and non-scalar keys, and directives are errors, as are more values, deeper nesting or more alias expansion than
 * {@link ManifestOptions} allows; every error has its line and column. Not thread-safe; one instance per load.
 */
final class YamlReader {
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");

    private final ManifestOptions options;
    private final Problems problems;
    private final Map<String, Node> anchors = new HashMap<>();
    private final YamlText t;
    private long nodes;
    private long aliasNodes;
    private int depth;
    private int document;
    /** The path of the node being read: a key, or (key null) an index, per level; rendered only for errors. */
    private String[] pathKeys = new String[16];
    private int[] pathIndexes = new int[16];
    private int pathLength;
    private NodeBuilder[] builders = new NodeBuilder[16];

    YamlReader(String text, ManifestOptions options, Problems problems) {
        this.t = new YamlText(text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n'));
        this.options = options;
        this.problems = problems;
    }

    /** The documents in input order; an empty document is null. */
    List<@Nullable Node> read() {
        List<@Nullable Node> documents = new ArrayList<>();
        try {
            while (true) {
                t.skipToContent();
                while (t.atMarker('.')) {
                    t.pos += 3;
                    t.expectLineEnd("'...'");
                    t.skipToContent();
                }
                if (t.eof()) {
                    return documents;
                }
                if (t.peek() == '%' && t.column() == 0) {
                    directive();
                    continue;
                }
                boolean explicit = t.atMarker('-');
                if (!explicit && document > 0) {
                    throw t.error("a document after '...' must start with '---'");
                }
                document++;
                anchors.clear();
                Node root = explicit ? explicitRoot() : node(-1, true);
                t.skipToContent();
                if (!t.eof() && !t.atAnyMarker()) {
                    throw t.error("bad indentation: this line is indented less than the lines above it but more "
                            + "than the top level");
                }
                boolean empty = root == null || root instanceof ScalarNode s && (s.isNull() || "".equals(s.value()));
                documents.add(empty ? null : root);
            }
        } catch (SyntaxError e) {
            pathLength = 0;
            throw error(e.at, "not valid YAML: " + e.getMessage());
        }
    }

    /** Skips a {@code %YAML} directive (the version changes nothing here); any other directive is an error. */
    private void directive() {
        if (!t.s.startsWith("%YAML", t.pos) || !YamlText.blank(t.peek(5))) {
            throw t.error("YAML directives other than %YAML (such as %TAG) are not supported; remove the line");
        }
        while (!t.eof() && t.peek() != '\n') {
            t.pos++;
        }
        t.skipToContent();
        if (!t.atMarker('-')) {
            throw t.error("a directive must be followed by '---'");
        }
    }

    private @Nullable Node explicitRoot() {
        t.pos += 3;
        t.skipSpaces();
        if (t.atLineEnd()) {
            t.skipToContent();
            if (t.eof() || t.atAnyMarker()) {
                return null;
            }
        }
        return node(-1, true);
    }

    /**
     * The node at the position; {@code parent} is the indentation of the collection it is in, {@code compact}
     * whether a block mapping or list may start on this line.
     */
    private Node node(int parent, boolean compact) {
        long at = t.at();
        String anchor = null;
        String tag = null;
        while (t.peek() == '&' || t.peek() == '!') {
            if (t.peek() == '&') {
                t.forward();
                anchor = name("anchor");
            } else {
                tag = tag();
            }
            t.skipSpaces();
        }
        boolean properties = anchor != null || tag != null;
        if (properties && t.atLineEnd()) {
            t.skipToContent();
            if (t.eof() || t.atAnyMarker() || t.column() <= parent) {
                return anchored(anchor, empty(at, tag));
            }
            compact = true;
            properties = false;
        }
        count(at);
        char c = t.peek();
        Node node;
        if (c == '-' && t.blankAt(1)) {
            if (!compact) {
                throw t.error("a list cannot start on the line of its key; start it on the next line");
            }
            node = blockList(t.column(), at, false);
        } else if (c == '[' || c == '{') {
            node = new YamlFlow(this, t).collection(at);
            t.skipSpaces();
            if (t.peek() == ':' && t.blankAt(1)) {
                throw t.error("a list or mapping cannot be a key; keys are text");
            }
            t.expectLineEnd("a flow list or mapping");
        } else if (c == '|' || c == '>') {
            node = scalar(YamlQuoted.block(t, parent), at, tag, false);
        } else if (c == '*') {
            node = alias(anchor != null || tag != null);
            t.skipSpaces();
            if (t.peek() == ':' && t.blankAt(1)) {
                throw t.error("an alias cannot be a key");
            }
            t.expectLineEnd("an alias");
        } else {
            node = scalarOrMapping(parent, at, compact, properties, tag);
        }
        return anchored(anchor, node);
    }

    private Node scalarOrMapping(int parent, long at, boolean compact, boolean properties,
            @Nullable String tag) {
        int column = t.column();
        long keyAt = t.at();
        char c = t.peek();
        boolean quoted = c == '"' || c == '\'';
        boolean key;
        String text = null;
        if (quoted) {
            text = YamlQuoted.quoted(t);
            t.skipSpaces();
            key = t.peek() == ':' && t.blankAt(1);
        } else {
            checkPlainStart(false);
            key = t.plainIsKey();
        }
        if (key) {
            if (!compact) {
                throw new SyntaxError(Node.MapNode.unpack(keyAt), "a mapping cannot start on the line of its key (as in 'a: b: c'); "
                        + "start it on the next line, indented");
            }
            if (properties) {
                throw new SyntaxError(Node.MapNode.unpack(at), "an anchor or tag before a key is not supported; put it on the line "
                        + "before the mapping");
            }
            return blockMapping(column, text != null ? text : plainKey(), keyAt, at);
        }
        if (quoted) {
            t.expectLineEnd("a quoted value");
            return scalar(text, at, tag, false);
        }
        String plain = t.plain(false, parent, true);
        if (t.peek() == ':' && t.blankAt(1)) {
            throw t.error("a key in a value that spans lines; indent the key under its parent, or quote the value");
        }
        return scalar(plain, at, tag, true);
    }

    private String plainKey() {
        String key = t.plain(false, -1, false);
        t.skipSpaces();
        return key;
    }

    private MapNode blockMapping(int indent, String firstKey, long firstAt, long at) {
        enter(at);
        NodeBuilder entries = builder().mapping();
        String key = firstKey;
        long keyAt = firstAt;
        while (true) {
            checkKey(key, keyAt, entries);
            t.forward();
            long afterColon = t.at();
            push(key);
            Node value = value(indent, afterColon);
            pop();
            entries.put(key, keyAt, value);
            t.skipToContent();
            if (t.eof() || t.atAnyMarker() || t.column() < indent) {
                break;
            }
            if (t.column() > indent) {
                throw t.error("bad indentation: expected a key at column " + (indent + 1) + " or less");
            }
            keyAt = t.at();
            key = key();
        }
        depth--;
        return entries.toMapping(at);
    }

    /** A block mapping's key at the position; leaves the position on its ':'. */
    private String key() {
        char c = t.peek();
        String key;
        if (c == '"' || c == '\'') {
            key = YamlQuoted.quoted(t);
            t.skipSpaces();
        } else if (c == '-' && t.blankAt(1)) {
            throw t.error("a list item where a key was expected; indent the list under its key");
        } else if (c == '?' && t.blankAt(1)) {
            throw t.error("explicit keys ('? ') are not supported; write 'key: value'");
        } else if ("[{&!*".indexOf(c) >= 0) {
            throw t.error("a key must be plain or quoted text (no list, mapping, anchor, tag or alias)");
        } else {
            checkPlainStart(false);
            key = plainKey();
        }
        if (!(t.peek() == ':' && t.blankAt(1))) {
            throw t.error("expected ':' after a key (every line of a mapping is 'key: value')");
        }
        return key;
    }

    /** Refuses a merge key, or a key already in the mapping. */
    void checkKey(String key, long keyAt, NodeBuilder entries) {
        if ("<<".equals(key)) {
            throw error(keyAt, "YAML merge keys (<<) are not supported; write the fields out");
        }
        Location first = entries.find(key);
        if (first != null) {
            push(key);
            throw error(keyAt, "duplicate key '" + key + "' (first at line " + first.line() + ")");
        }
    }

    /** A mapping's value after its ':' (at {@code afterColon}): on the same line, or below, more indented. */
    private Node value(int indent, long afterColon) {
        t.skipSpaces();
        if (!t.atLineEnd()) {
            return node(indent, false);
        }
        t.skipToContent();
        if (t.eof() || t.atAnyMarker()) {
            return empty(afterColon, null);
        }
        if (t.column() > indent) {
            return node(indent, true);
        }
        if (t.column() == indent && t.peek() == '-' && t.blankAt(1)) {
            long at = t.at();
            count(at);
            return blockList(indent, at, true);
        }
        return empty(afterColon, null);
    }

    private ListNode blockList(int indent, long at, boolean underKey) {
        enter(at);
        NodeBuilder items = builder().list();
        while (true) {
            t.forward();
            long afterDash = t.at();
            push(items.count());
            t.skipSpaces();
            Node item;
            if (!t.atLineEnd()) {
                item = node(indent, true);
            } else {
                t.skipToContent();
                item = !t.eof() && !t.atAnyMarker() && t.column() > indent ? node(indent, true)
                        : empty(afterDash, null);
            }
            pop();
            items.add(item);
            t.skipToContent();
            if (t.eof() || t.atAnyMarker() || t.column() < indent) {
                break;
            }
            if (t.column() > indent) {
                throw t.error("bad indentation: expected a list item ('- ') at column " + (indent + 1) + " or less");
            }
            if (!(t.peek() == '-' && t.blankAt(1))) {
                if (underKey) {
                    break;
                }
                throw t.error("expected a list item ('- ') at this indentation");
            }
        }
        depth--;
        return items.toList(at);
    }

    // --- shared with YamlFlow -------------------------------------------------------------------------------

    /** Counts one value against {@link ManifestOptions#maxNodes()}. */
    void count(long at) {
        if (++nodes > options.maxNodes()) {
            throw error(at, "the input holds more than " + options.maxNodes() + " values (mappings, lists "
                    + "and scalars); split it, or raise ManifestOptions.maxNodes");
        }
    }

    /** Enters a mapping or list, against {@link ManifestOptions#maxDepth()}; the caller decrements. */
    void enter(long at) {
        if (++depth > options.maxDepth()) {
            throw error(at, "nesting is deeper than " + options.maxDepth() + " levels; no manifest needs that "
                    + "(raise ManifestOptions.maxDepth if yours does)");
        }
    }

    /** The builder for the collection just entered (one per nesting level, reused). */
    NodeBuilder builder() {
        if (depth >= builders.length) {
            builders = java.util.Arrays.copyOf(builders, Math.max(depth + 1, builders.length * 2));
        }
        NodeBuilder b = builders[depth];
        return b != null ? b : (builders[depth] = new NodeBuilder());
    }

    void leave() {
        depth--;
    }

    Node anchored(@Nullable String anchor, Node node) {
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    /** An empty value: null (or an empty string when tagged {@code !!str}). */
    ScalarNode empty(long at, @Nullable String tag) {
        count(at);
        return tag == null ? new ScalarNode(null, "", at) : YamlScalars.tagged(tag, "", at);
    }

    ScalarNode scalar(String text, long at, @Nullable String tag, boolean plain) {
        if (tag != null) {
            return YamlScalars.tagged(tag, text, at);
        }
        return plain ? YamlScalars.plain(text, at) : YamlScalars.string(text, at);
    }

    /** An alias at the position (on its '*'): the anchored node, within the alias budget. */
    Node alias(boolean properties) {
        long at = t.at();
        if (properties) {
            throw t.error("an alias cannot have an anchor or tag");
        }
        t.forward();
        String name = name("alias");
        Node target = anchors.get(name);
        if (target == null) {
            throw error(at, "alias *" + name + " refers to no anchor &" + name + " before it");
        }
        aliasNodes += target.size();
        if (aliasNodes > options.maxAliasNodes()) {
            throw error(at, "YAML aliases expand to more than " + options.maxAliasNodes() + " nodes "
                    + "(a \"billion laughs\" input?); write the values out, or raise ManifestOptions.maxAliasNodes");
        }
        return target;
    }

    /** An anchor or alias name at the position. */
    String name(String what) {
        int start = t.pos;
        while (!YamlText.blank(t.peek()) && ",[]{}".indexOf(t.peek()) < 0) {
            t.pos++;
        }
        if (t.pos == start) {
            throw t.error("an " + what + " needs a name");
        }
        return t.s.substring(start, t.pos);
    }

    /** A tag at the position (on its '!'): the core type it names; any other tag is an error. */
    String tag() {
        long at = t.at();
        int start = t.pos;
        while (!YamlText.blank(t.peek())) {
            t.pos++;
        }
        String tag = t.s.substring(start, t.pos);
        if (tag.startsWith("!!") && CORE_TAGS.contains(tag.substring(2))) {
            return tag.substring(2);
        }
        throw error(at, "YAML tag '" + tag + "' is not supported; remove it (only plain values, lists and "
                + "mappings are read)");
    }

    void checkPlainStart(boolean flow) {
        char c = t.peek();
        boolean indicator = "-?:,[]{}#&*!|>'\"%@`".indexOf(c) >= 0;
        boolean allowed = !indicator || !t.blankAt(1) && (c == '-' || !flow && (c == '?' || c == ':'));
        if (!allowed || c == '\0') {
            throw t.error(c == '\0' ? "the input ends where a value was expected"
                    : "a value cannot start with '" + c + "'; quote it");
        }
    }

    ManifestException error(long at, String message) {
        return error(Node.MapNode.unpack(at), message);
    }

    /** An error at the node being read (its path is the reader's current path). */
    ManifestException error(Location at, String message) {
        return new ManifestException(problems.source(), List.of(
                new ManifestProblem(document, path(), at.line(), at.column(), message)));
    }

    void push(String key) {
        push(key, -1);
    }

    void push(int index) {
        push(null, index);
    }

    private void push(@Nullable String key, int index) {
        if (pathLength == pathKeys.length) {
            pathKeys = java.util.Arrays.copyOf(pathKeys, pathLength * 2);
            pathIndexes = java.util.Arrays.copyOf(pathIndexes, pathLength * 2);
        }
        pathKeys[pathLength] = key;
        pathIndexes[pathLength++] = index;
    }

    void pop() {
        pathLength--;
    }

    /** The current path, as {@code spec.analysis.metrics[0]}. */
    private String path() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pathLength; i++) {
            if (pathKeys[i] == null) {
                b.append('[').append(pathIndexes[i]).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(pathKeys[i]);
            }
        }
        return b.toString();
    }
}
