package dev.canary.manifest;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed YAML/JSON value with the place it was read from. Only the three YAML kinds exist; no application
 * types are ever constructed. Nodes are compact (arrays, not hash maps; the line and column as two ints) because
 * a load holds one per value of the input: see docs/manifests.md, "Limits and memory". Immutable.
 */
sealed interface Node {
    Location location();

    /** Nodes in this subtree, counting shared (aliased) subtrees once per use. */
    long size();

    /** A line and column, both 1-based; {@link #UNKNOWN} when not known. */
    record Location(int line, int column) {
        static final Location UNKNOWN = new Location(0, 0);
    }

    /** A mapping; keys in document order, with the location of each key. */
    final class MapNode implements Node {
        /** Mappings with more keys than this are looked up through a hash index. */
        static final int LINEAR = 8;
        private final String[] keys;
        private final Node[] values;
        /** Each key's line and column, packed: {@code line << 32 | column}. */
        private final long[] keyAt;
        private final int count;
        private final long at;
        private final long size;
        private @Nullable Map<String, Integer> index;

        /** Takes the arrays (not copied); the first {@code count} entries are the mapping. */
        MapNode(String[] keys, Node[] values, long[] keyAt, int count, @Nullable Map<String, Integer> index,
                long at, long size) {
            this.keys = keys;
            this.values = values;
            this.keyAt = keyAt;
            this.count = count;
            this.index = count > LINEAR ? index : null;
            this.at = at;
            this.size = size;
        }

        MapNode(Map<String, Node> entries, Map<String, Location> keyLocations, Location at, long size) {
            this(entries.keySet().toArray(new String[0]), entries.values().toArray(new Node[0]),
                    entries.keySet().stream().mapToLong(k -> pack(keyLocations.getOrDefault(k, at))).toArray(),
                    entries.size(), null, pack(at), size);
        }

        static long pack(Location at) {
            return (long) at.line() << 32 | at.column() & 0xFFFFFFFFL;
        }

        static Location unpack(long at) {
            return new Location((int) (at >>> 32), (int) at);
        }

        @Override
        public Location location() {
            return unpack(at);
        }

        @Override
        public long size() {
            return size;
        }

        @Nullable Node get(String key) {
            int i = indexOf(key);
            return i < 0 ? null : values[i];
        }

        Location keyLocation(String key) {
            int i = indexOf(key);
            return i < 0 ? location() : unpack(keyAt[i]);
        }

        /** The index of the entry of {@code key}, or -1. */
        int indexOf(String key) {
            if (count <= LINEAR) {
                for (int i = 0; i < count; i++) {
                    if (keys[i].equals(key)) {
                        return i;
                    }
                }
                return -1;
            }
            if (index == null) {
                Map<String, Integer> built = new HashMap<>(count * 2);
                for (int i = 0; i < count; i++) {
                    built.putIfAbsent(keys[i], i);
                }
                index = built;
            }
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }

        /** The number of entries. */
        int count() {
            return count;
        }

        /** The key of entry {@code i} (0-based, in document order). */
        String key(int i) {
            Objects.checkIndex(i, count);
            return keys[i];
        }

        /** The value of entry {@code i}. */
        Node value(int i) {
            Objects.checkIndex(i, count);
            return values[i];
        }

        /** Where the key of entry {@code i} is. */
        Location keyLocationAt(int i) {
            Objects.checkIndex(i, count);
            return unpack(keyAt[i]);
        }

        /** Whether {@code key} is one of the keys (its value may be null). */
        boolean containsKey(String key) {
            return indexOf(key) >= 0;
        }

        /** The entries in document order, as a read-only view. */
        Map<String, Node> entries() {
            return new AbstractMap<>() {
                @Override
                public Set<Entry<String, Node>> entrySet() {
                    return new AbstractSet<>() {
                        @Override
                        public Iterator<Entry<String, Node>> iterator() {
                            return new Iterator<>() {
                                private int next;

                                @Override
                                public boolean hasNext() {
                                    return next < count;
                                }

                                @Override
                                public Entry<String, Node> next() {
                                    if (next >= count) {
                                        throw new NoSuchElementException();
                                    }
                                    int i = next++;
                                    return new SimpleImmutableEntry<>(keys[i], values[i]);
                                }
                            };
                        }

                        @Override
                        public int size() {
                            return count;
                        }
                    };
                }

                @Override
                public boolean containsKey(Object key) {
                    return key instanceof String k && indexOf(k) >= 0;
                }

                @Override
                public @Nullable Node get(Object key) {
                    return key instanceof String k ? MapNode.this.get(k) : null;
                }
            };
        }

        @Override
        public String toString() {
            return "MapNode" + entries() + " at " + location();
        }
    }

    /** A sequence. */
    final class ListNode implements Node {
        /** The only item of a list of one (no array), or the array of items. */
        private final Object items;
        private final int count;
        private final int size;
        private final long at;

        /** Takes the array (not copied); the first {@code count} items are the list. */
        ListNode(Node[] items, int count, long at, long size) {
            this((Object) items, count, at, size);
        }

        /** A list of one item. */
        ListNode(Node item, long at, long size) {
            this((Object) item, 1, at, size);
        }

        private ListNode(Object items, int count, long at, long size) {
            this.items = items;
            this.count = count;
            this.at = at;
            this.size = (int) Math.min(Integer.MAX_VALUE, size);
        }

        ListNode(List<Node> items, Location at, long size) {
            this(items.toArray(new Node[0]), items.size(), MapNode.pack(at), size);
        }

        int count() {
            return count;
        }

        /** Item {@code i} (0-based). */
        Node item(int i) {
            Objects.checkIndex(i, count);
            return items instanceof Node single ? single : ((Node[]) items)[i];
        }

        /** The items, as a read-only view. */
        List<Node> items() {
            return new AbstractList<>() {
                @Override
                public Node get(int i) {
                    Objects.checkIndex(i, count);
                    return items instanceof Node single ? single : ((Node[]) items)[i];
                }

                @Override
                public int size() {
                    return count;
                }
            };
        }

        @Override
        public Location location() {
            return MapNode.unpack(at);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public String toString() {
            return "ListNode" + items() + " at " + location();
        }
    }

    /**
     * A scalar: {@code value} is a {@link String}, {@link Boolean}, {@link Number} or null (YAML null), as the
     * parser resolved it. Equal to another scalar with the same value, text and location.
     */
    final class ScalarNode implements Node {
        private final @Nullable Object value;
        private final String text;
        private final long at;

        ScalarNode(@Nullable Object value, String text, Location location) {
            this(value, text, MapNode.pack(location));
        }

        ScalarNode(@Nullable Object value, String text, long at) {
            this.value = value;
            this.text = text;
            this.at = at;
        }

        @Nullable Object value() {
            return value;
        }

        String text() {
            return text;
        }

        @Override
        public Location location() {
            return MapNode.unpack(at);
        }

        @Override
        public long size() {
            return 1;
        }

        boolean isNull() {
            return value == null;
        }

        /** What kind of value this is, for messages: "the number 10", "the string 'x'". */
        String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String s) {
                return "the string '" + s + "'";
            }
            return (value instanceof Boolean ? "the boolean " : "the number ") + text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ScalarNode s && Objects.equals(value, s.value) && text.equals(s.text) && at == s.at;
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, text, at);
        }

        @Override
        public String toString() {
            return "ScalarNode[value=" + value + ", text=" + text + ", location=" + location() + "]";
        }
    }

    /** Describes a node's kind for messages. */
    static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            return s.describe();
        }
        return node instanceof MapNode ? "a mapping" : "a list";
    }
}
