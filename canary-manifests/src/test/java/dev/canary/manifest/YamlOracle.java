package dev.canary.manifest;

import dev.canary.manifest.Node.ListNode;
import dev.canary.manifest.Node.MapNode;
import dev.canary.manifest.Node.ScalarNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Compares {@link YamlReader} with the SnakeYAML oracle ({@link SnakeYamlTreeReader}): the same documents, the
 * same trees (keys in order, values with their types, text, sizes, and the line and column of every node and
 * key), or both refusing the input.
 */
final class YamlOracle {
    private YamlOracle() {
    }

    /** The first difference between the two readers on {@code yaml}, or null when they agree. */
    static @Nullable String difference(String yaml) {
        return difference(yaml, ManifestOptions.ofDefaults());
    }

    static @Nullable String difference(String yaml, ManifestOptions options) {
        List<@Nullable Node> ours;
        List<@Nullable Node> oracle;
        ManifestException ourError = null;
        ManifestException oracleError = null;
        try {
            ours = new YamlReader(yaml, options, new Problems("ours")).read();
        } catch (ManifestException e) {
            ours = null;
            ourError = e;
        }
        try {
            oracle = new SnakeYamlTreeReader(options, new Problems("oracle")).read(yaml);
        } catch (ManifestException e) {
            oracle = null;
            oracleError = e;
        }
        if (ours == null || oracle == null) {
            return ours == null && oracle == null ? null : "ours: " + (ours == null ? ourError.getMessage()
                    : "loads") + "; oracle: " + (oracle == null ? oracleError.getMessage() : "loads");
        }
        if (ours.size() != oracle.size()) {
            return ours.size() + " documents, oracle " + oracle.size();
        }
        for (int i = 0; i < ours.size(); i++) {
            String d = difference(ours.get(i), oracle.get(i), "document " + (i + 1));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    static @Nullable String difference(@Nullable Node a, @Nullable Node b, String at) {
        if (a == null || b == null) {
            return a == b ? null : at + ": " + a + " vs oracle " + b;
        }
        if (a.getClass() != b.getClass()) {
            return at + ": " + Node.describe(a) + " vs oracle " + Node.describe(b);
        }
        if (!a.location().equals(b.location())) {
            return at + ": at " + a.location() + ", oracle at " + b.location();
        }
        if (a.size() != b.size()) {
            return at + ": size " + a.size() + ", oracle " + b.size();
        }
        if (a instanceof ScalarNode s && b instanceof ScalarNode o) {
            return sameValue(s.value(), o.value()) && s.text().equals(o.text()) ? null
                    : at + ": " + show(s) + " vs oracle " + show(o);
        }
        if (a instanceof ListNode l && b instanceof ListNode o) {
            for (int i = 0; i < l.items().size(); i++) {
                String d = difference(l.items().get(i), o.items().get(i), at + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        MapNode m = (MapNode) a;
        MapNode o = (MapNode) b;
        if (!new ArrayList<>(m.entries().keySet()).equals(new ArrayList<>(o.entries().keySet()))) {
            return at + ": keys " + m.entries().keySet() + " vs oracle " + o.entries().keySet();
        }
        for (String key : m.entries().keySet()) {
            if (!m.keyLocation(key).equals(o.keyLocation(key))) {
                return at + "." + key + ": key at " + m.keyLocation(key) + ", oracle at " + o.keyLocation(key);
            }
            String d = difference(m.get(key), o.get(key), at + "." + key);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static boolean sameValue(@Nullable Object a, @Nullable Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Double || y instanceof Double) {
                return x instanceof Double && y instanceof Double && Double.compare(x.doubleValue(), y.doubleValue()) == 0;
            }
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    private static String show(ScalarNode s) {
        Object v = s.value();
        return (v == null ? "null" : v.getClass().getSimpleName() + " " + v).replace("\n", "\\n") + " (text '"
                + s.text().replace("\n", "\\n") + "')";
    }
}
