package dev.canary.manifest;

import dev.canary.manifest.Node.ListNode;
import dev.canary.manifest.Node.Location;
import dev.canary.manifest.Node.MapNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Collects the entries of one mapping, or the items of one list, into growing arrays for a {@link Node}: no
 * hash map per mapping unless it has many keys. Not thread-safe; the reader keeps one per nesting level and
 * reuses it for the next collection at that level.
 */
final class NodeBuilder {
    private String[] keys;
    private Node[] values;
    private long[] keyAt;
    private int count;
    private @Nullable Map<String, Integer> index;
    private long size = 1;

    private static final String[] NO_KEYS = {};
    private static final long[] NO_LOCATIONS = {};
    private static final Node[] NO_NODES = {};
    /** A list's first item, before it needs an array (most lists in flow-nested input have one). */
    private @Nullable Node first;

    NodeBuilder() {
        values = NO_NODES;
        keys = NO_KEYS;
        keyAt = NO_LOCATIONS;
    }

    /** Starts a new mapping; the arrays of the last one belong to its node. */
    NodeBuilder mapping() {
        return reset(4, true);
    }

    /** Starts a new list. */
    NodeBuilder list() {
        return reset(0, false);
    }

    private NodeBuilder reset(int capacity, boolean mapping) {
        values = mapping ? new Node[capacity] : NO_NODES;
        first = null;
        keys = mapping ? new String[capacity] : NO_KEYS;
        keyAt = mapping ? new long[capacity] : NO_LOCATIONS;
        count = 0;
        index = null;
        size = 1;
        return this;
    }

    int count() {
        return count;
    }

    /** Where {@code key} was first seen in this mapping, or null if it is new. */
    @Nullable Location find(String key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? null : MapNode.unpack(keyAt[i]);
        }
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return MapNode.unpack(keyAt[i]);
            }
        }
        return null;
    }

    void put(String key, long at, Node value) {
        grow();
        keys[count] = key;
        keyAt[count] = at;
        if (index != null) {
            index.put(key, count);
        } else if (count == MapNode.LINEAR) {
            index = new HashMap<>(32);
            for (int i = 0; i <= count; i++) {
                index.put(keys[i], i);
            }
        }
        add(value);
    }

    void add(Node value) {
        if (count == 0 && keys == NO_KEYS) {
            first = value;
            count = 1;
            size += value.size();
            return;
        }
        if (first != null) {
            values = new Node[4];
            values[0] = first;
            first = null;
        }
        grow();
        values[count++] = value;
        size += value.size();
    }

    private void grow() {
        if (count == values.length) {
            int capacity = Math.max(4, values.length * 2);
            values = Arrays.copyOf(values, capacity);
            if (keys.length > 0) {
                keys = Arrays.copyOf(keys, capacity);
                keyAt = Arrays.copyOf(keyAt, capacity);
            }
        }
    }

    MapNode toMapping(long at) {
        return new MapNode(keys, values, keyAt, count, index, at, size);
    }

    ListNode toList(long at) {
        return first != null ? new ListNode(first, at, size) : new ListNode(values, count, at, size);
    }
}
