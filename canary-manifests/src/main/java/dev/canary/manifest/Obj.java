package dev.canary.manifest;

import dev.canary.manifest.Fields.Rule;
import dev.canary.manifest.Node.ListNode;
import dev.canary.manifest.Node.Location;
import dev.canary.manifest.Node.MapNode;
import dev.canary.manifest.Node.ScalarNode;
import dev.canary.spi.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A mapping being read as one object of a manifest: typed field access that records a problem (with path
 * and location) for every value of the wrong type and returns null for it. Not thread-safe.
 */
final class Obj {
    private final MapNode node;
    private final Doc doc;
    /** The object this one is a field or list item of; null for a document (or an object read on its own). */
    private final @Nullable Obj parent;
    /** The field of {@link #parent} this object is, or is an item of. */
    private final String key;
    /** The index in the list {@link #key} of {@link #parent}; -1 when the object is the field itself. */
    private final int index;
    /** Built when first asked for: most objects never need their path. */
    private @Nullable String path;

    Obj(MapNode node, String path, Doc doc) {
        this.node = node;
        this.doc = doc;
        this.parent = null;
        this.key = "";
        this.index = -1;
        this.path = path;
    }

    private Obj(MapNode node, Obj parent, String key, int index) {
        this.node = node;
        this.doc = parent.doc;
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    String path() {
        String p = path;
        if (p == null) {
            Obj of = java.util.Objects.requireNonNull(parent);
            p = index < 0 ? of.path(key) : of.path(key) + "[" + index + "]";
            path = p;
        }
        return p;
    }

    String path(String key) {
        String p = path();
        return p.isEmpty() ? key : p + "." + key;
    }

    /** Where this mapping is named: its key, or its first line for a list item or a document. */
    Location location() {
        return parent == null || index >= 0 ? node.location() : parent.node.keyLocation(key);
    }

    Doc doc() {
        return doc;
    }

    /** Whether {@code key} is present with a non-null value. */
    boolean has(String key) {
        Node value = node.get(key);
        return value != null && !(value instanceof ScalarNode s && s.isNull());
    }

    /** Applies the support table: unknown fields, warnings, rejections. */
    void check(Map<String, Rule> table) {
        Fields.check(this, node, table);
    }

    @Nullable Node raw(String key) {
        Node value = node.get(key);
        if (value == null || value instanceof ScalarNode s && s.isNull()) {
            return null;
        }
        return value;
    }

    @Nullable String string(String key) {
        Node value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ScalarNode s && s.value() instanceof String text) {
            return text;
        }
        return wrongType(key, value, "a string");
    }

    String string(String key, String defaultValue) {
        String value = string(key);
        return value == null ? defaultValue : value;
    }

    @Nullable String required(String key) {
        if (!node.containsKey(key) || raw(key) == null) {
            doc.error(path(key), location(), "is required");
            return null;
        }
        return string(key);
    }

    @Nullable Integer integer(String key) {
        Node value = raw(key);
        return value == null ? null : integer(path(key), value);
    }

    @Nullable Integer integer(String fieldPath, Node value) {
        if (value instanceof ScalarNode s && (s.value() instanceof Integer || s.value() instanceof Long)) {
            long whole = ((Number) s.value()).longValue();
            if (Math.abs(whole) <= Integer.MAX_VALUE) {
                return (int) whole;
            }
        }
        if (value instanceof ScalarNode s && s.value() instanceof Number n) {
            BigDecimal d = decimal(n);
            if (d != null && d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(
                    Integer.MAX_VALUE)) <= 0) {
                return d.intValue();
            }
            doc.error(fieldPath, value.location(), "must be a whole number but was " + s.text());
            return null;
        }
        doc.error(fieldPath, value.location(), "must be a whole number but was " + Node.describe(value));
        return null;
    }

    @Nullable Double number(String key) {
        Node value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ScalarNode s && s.value() instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
            doc.error(path(key), value.location(), "must be a finite number but was " + s.text());
            return null;
        }
        return wrongType(key, value, "a number");
    }

    boolean bool(String key) {
        Node value = raw(key);
        if (value == null) {
            return false;
        }
        if (value instanceof ScalarNode s && s.value() instanceof Boolean b) {
            return b;
        }
        wrongType(key, value, "true or false");
        return false;
    }

    /** A Go/Flagger duration; warns when Flagger's CRD pattern would refuse it. */
    @Nullable Duration duration(String key) {
        Node value = raw(key);
        if (value != null && !(value instanceof ScalarNode s && s.value() instanceof String)) {
            return wrongType(key, value, "a duration such as 30s or 1m");
        }
        String text = string(key);
        if (text == null) {
            return null;
        }
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                doc.error(path(key), node.keyLocation(key), "must be a positive duration but was '" + text + "'");
                return null;
            }
            if (!crdForm(text)) {
                doc.warn(path(key), node.keyLocation(key), "'" + text + "' is accepted here, but Flagger's CRD "
                        + "only accepts forms like 30s or 5m");
            }
            return d;
        } catch (IllegalArgumentException e) {
            doc.error(path(key), node.keyLocation(key), e.getMessage());
            return null;
        }
    }

    /** Whether {@code text} starts as Flagger's CRD pattern for durations, {@code ^[0-9]+(m|s)}, requires. */
    private static boolean crdForm(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i > 0 && i < text.length() && (text.charAt(i) == 'm' || text.charAt(i) == 's');
    }

    @Nullable Obj object(String key) {
        Node value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof MapNode map) {
            return new Obj(map, this, key, -1);
        }
        return wrongType(key, value, "a mapping");
    }

    /** The items of a list of mappings; items of another kind are reported and skipped. */
    List<Obj> objects(String key) {
        ListNode list = list(key);
        if (list == null) {
            return List.of();
        }
        List<Obj> result = new ArrayList<>(list.count());
        for (int i = 0; i < list.count(); i++) {
            Node item = list.item(i);
            if (item instanceof MapNode map) {
                result.add(new Obj(map, this, key, i));
            } else {
                doc.error(path(key) + "[" + i + "]", item.location(), "must be a mapping but was "
                        + Node.describe(item));
            }
        }
        return result;
    }

    List<Integer> integers(String key) {
        List<Integer> result = new ArrayList<>();
        ListNode list = list(key);
        if (list != null) {
            for (int i = 0; i < list.items().size(); i++) {
                Integer value = integer(path(key) + "[" + i + "]", list.items().get(i));
                if (value != null) {
                    result.add(value);
                }
            }
        }
        return result;
    }

    /** A mapping of strings to strings (labels, metadata, variables). */
    Map<String, String> strings(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        Obj map = object(key);
        if (map != null) {
            for (int i = 0; i < map.node.count(); i++) {
                String k = map.node.key(i);
                String value = map.string(k);
                if (value != null) {
                    result.put(k, value);
                }
            }
        }
        return result;
    }

    /** A mapping of strings to lists of strings (HTTP headers). */
    Map<String, List<String>> stringLists(String key) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        Obj map = object(key);
        if (map != null) {
            for (int n = 0; n < map.node.count(); n++) {
                String k = map.node.key(n);
                ListNode list = map.list(k);
                List<String> values = new ArrayList<>();
                for (int i = 0; list != null && i < list.items().size(); i++) {
                    Node item = list.items().get(i);
                    if (item instanceof ScalarNode s && s.value() instanceof String text) {
                        values.add(text);
                    } else {
                        doc.error(map.path(k) + "[" + i + "]", item.location(), "must be a string but was "
                                + Node.describe(item));
                    }
                }
                result.put(k, List.copyOf(values));
            }
        }
        return result;
    }

    /** The keys of this mapping, in document order. */
    List<String> keys() {
        String[] keys = new String[node.count()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = node.key(i);
        }
        return List.of(keys);
    }

    Location keyLocation(String key) {
        return node.keyLocation(key);
    }

    private @Nullable ListNode list(String key) {
        Node value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ListNode list) {
            return list;
        }
        return wrongType(key, value, "a list");
    }

    private <T> @Nullable T wrongType(String key, Node value, String expected) {
        doc.error(path(key), value.location(), "must be " + expected + " but was " + Node.describe(value));
        return null;
    }

    private static @Nullable BigDecimal decimal(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return new BigDecimal(n.toString());
    }
}
