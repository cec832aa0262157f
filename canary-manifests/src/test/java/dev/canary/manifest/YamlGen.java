package dev.canary.manifest;

import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Generates YAML streams in the styles manifests use: block and flow collections (indentless lists too), plain
 * values of every YAML 1.1 type, quoted values with escapes and folded lines, literal and folded block scalars
 * with chomping, multi-line plain values, comments, anchors and aliases, several documents. U+2028 appears only
 * escaped: SnakeYAML counted it as a line break (YAML 1.1), the reader does not (YAML 1.2), so lines would differ.
 */
final class YamlGen {
    private static final Gen<String> PLAIN = pick(List.of("podinfo", "80", "1.5", "true", "yes", "No", "off", "null",
            "~", "0x1F", "012", "0b101", "1_000", "-1", "+5", "1e3", ".5", "v1.2", "2001-12-14", "=", "1:30",
            "http://x:80/p?q=1", "a b  c", "x#y", "a-b", "99999999999", "123456789012345678901234", "TRUE", "y",
            "ü€😀", "it's", "say \"hi\"", "a\tb", "<<x", "0", "-0", "1.", "-.5e3", "1_0.5"));
    private static final Gen<String> TEXT = pick(List.of("", " ", "two\nlines", "trailing ", " leading", "#hash",
            "- item", "key: value", "{a: b}", "[b]", "*alias", "&anchor", "!tag", "%p", "@at", "`t`", "---", "...",
            "tab\there", "back\\slash", "quote\"d", "single'q", "ü€😀", "\u00e9\u2028x", "ends\n", "\n\nstarts"));
    private static final Gen<String> KEY = pick(List.of("name", "spec", "a", "port", "1", "true", "with space",
            "x-y", "url", "k"));
    private static final Gen<String> LINE = pick(List.of("first line", "  indented", "", "last", "a: b # c",
            "- x", "\ttab"));

    private YamlGen() {
    }

    static Gen<String> streams() {
        return in -> {
            StringBuilder b = new StringBuilder();
            int documents = range(1, 3).generate(in);
            for (int i = 0; i < documents; i++) {
                if (i > 0 || chance(in, 2)) {
                    b.append("---\n");
                }
                mapping(b, in, 0, 4);
            }
            return b.toString();
        };
    }

    private static boolean chance(RandomnessSource in, int oneIn) {
        return range(0, oneIn - 1).generate(in) == 0;
    }

    private static void mapping(StringBuilder b, RandomnessSource in, int indent, int depth) {
        int entries = range(1, 4).generate(in);
        for (int i = 0; i < entries; i++) {
            b.append(" ".repeat(indent)).append(key(in, i)).append(':');
            value(b, in, indent, depth);
            if (chance(in, 6)) {
                b.append(" ".repeat(indent)).append("# a comment\n");
            }
        }
    }

    private static String key(RandomnessSource in, int i) {
        String key = KEY.generate(in) + i;
        return chance(in, 5) ? "\"" + key + "\"" : key;
    }

    private static void value(StringBuilder b, RandomnessSource in, int indent, int depth) {
        int kind = range(0, depth > 0 ? 7 : 4).generate(in);
        switch (kind) {
            case 0, 1 -> b.append(' ').append(scalar(in)).append(chance(in, 5) ? " # c\n" : "\n");
            case 2 -> block(b, in, indent);
            case 3 -> b.append(' ').append(flow(in, 2)).append('\n');
            case 4 -> multiLinePlain(b, in, indent);
            case 5 -> {
                b.append(chance(in, 4) ? " &m" + indent + "\n" : "\n");
                mapping(b, in, indent + 2, depth - 1);
            }
            default -> list(b, in, chance(in, 2) ? indent : indent + 2, depth - 1);
        }
    }

    private static void list(StringBuilder b, RandomnessSource in, int indent, int depth) {
        b.append('\n');
        int items = range(1, 4).generate(in);
        for (int i = 0; i < items; i++) {
            b.append(" ".repeat(indent)).append('-');
            int kind = range(0, depth > 0 ? 4 : 2).generate(in);
            switch (kind) {
                case 0 -> b.append(' ').append(scalar(in)).append('\n');
                case 1 -> b.append(" &i").append(indent).append(i).append(' ').append(flow(in, 1)).append('\n')
                        .append(" ".repeat(indent)).append("- *i").append(indent).append(i).append('\n');
                case 2 -> b.append(' ').append(flow(in, 1)).append('\n');
                case 3 -> {
                    b.append(' ').append(key(in, 0)).append(':');
                    value(b, in, indent + 2, depth - 1);
                    if (chance(in, 2)) {
                        mappingRest(b, in, indent + 2, depth - 1);
                    }
                }
                default -> {
                    b.append('\n');
                    mapping(b, in, indent + 2, depth - 1);
                }
            }
        }
    }

    private static void mappingRest(StringBuilder b, RandomnessSource in, int indent, int depth) {
        b.append(" ".repeat(indent)).append("zz:");
        value(b, in, indent, depth);
    }

    static String scalar(RandomnessSource in) {
        return switch (range(0, 3).generate(in)) {
            case 0, 1 -> PLAIN.generate(in);
            case 2 -> "'" + TEXT.generate(in).replace("\n", "\n\n").replace("'", "''").replace("\u2028", " ") + "'";
            default -> doubleQuoted(TEXT.generate(in));
        };
    }

    private static String doubleQuoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\u2028' -> b.append("\\L");
                default -> b.append(c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }

    private static String flow(RandomnessSource in, int depth) {
        int items = range(0, 3).generate(in);
        boolean map = chance(in, 2);
        StringBuilder b = new StringBuilder(map ? "{" : "[");
        for (int i = 0; i < items; i++) {
            b.append(i > 0 ? (chance(in, 3) ? ",\n    " : ", ") : "");
            if (map) {
                b.append(KEY.generate(in)).append(i).append(": ");
            }
            String scalar = scalar(in);
            b.append(depth > 0 && chance(in, 3) ? flow(in, depth - 1)
                    : scalar.startsWith("'") || scalar.startsWith("\"") || scalar.matches("[A-Za-z0-9.~+-]+") ? scalar
                    : "'" + scalar.replace("'", "''") + "'");
        }
        return b.append(map ? "}" : "]").toString();
    }

    private static void block(StringBuilder b, RandomnessSource in, int indent) {
        b.append(' ').append(pick(List.of("|", ">", "|-", ">-", "|+", ">+", "|2", ">1-")).generate(in)).append('\n');
        int lines = range(1, 4).generate(in);
        for (int i = 0; i < lines; i++) {
            String line = LINE.generate(in);
            b.append(line.isEmpty() ? "" : " ".repeat(indent + 2)).append(line).append('\n');
        }
        if (chance(in, 3)) {
            b.append('\n');
        }
    }

    private static void multiLinePlain(StringBuilder b, RandomnessSource in, int indent) {
        b.append(" word one\n").append(" ".repeat(indent + 2)).append("word two\n");
        if (chance(in, 2)) {
            b.append('\n').append(" ".repeat(indent + 4)).append("after an empty line\n");
        }
    }
}
