package dev.canary.manifest;

import dev.canary.manifest.Node.ScalarNode;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Gives a plain YAML scalar its type by YAML 1.1's core schema, as Jackson's YAML parser does: null, booleans
 * ({@code true}, {@code yes}, {@code on} ...), integers (decimal, {@code 0x} hex, {@code 0b} binary, octal with
 * a leading 0, underscores allowed), floats ({@code .inf} and {@code .nan} too, for the fields to refuse as not
 * finite); everything else, sexagesimal numbers and timestamps included, is a
 * string. Quoted and block scalars are always strings. Stateless; the common shapes are decided without a
 * regular expression.
 */
final class YamlScalars {
    private static final Pattern INT = Pattern.compile("[-+]?0b_*[0-1][0-1_]*|[-+]?0_*[0-7][0-7_]*"
            + "|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x_*[0-9a-fA-F][0-9a-fA-F_]*|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
            + "|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
            + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** Numbers longer than this are refused, as by the JSON parser. */
    static final int MAX_NUMBER_CHARS = 64;

    private YamlScalars() {
    }

    /** A string scalar (quoted or block). */
    static ScalarNode string(String text, long at) {
        return new ScalarNode(text, text, at);
    }

    /** A plain scalar with its resolved type. */
    static ScalarNode plain(String text, long at) {
        return new ScalarNode(resolve(text), text, at);
    }

    /** The value of an explicitly tagged scalar ({@code !!str}, {@code !!int} ...), as Jackson reads it. */
    static ScalarNode tagged(String tag, String text, long at) {
        Object value = switch (tag) {
            case "null" -> null;
            case "bool" -> bool(text);
            case "int" -> integer(text);
            case "float" -> floating(text);
            default -> text;
        };
        return new ScalarNode(value == null && !"null".equals(tag) ? text : value, text, at);
    }

    private static @Nullable Object resolve(String v) {
        if (v.isEmpty()) {
            return null;
        }
        char c = v.charAt(0);
        if (c == '~' || c == 'n' || c == 'N') {
            if (v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL")) {
                return null;
            }
        }
        if ("yYnNtTfFoO".indexOf(c) >= 0) {
            Boolean b = bool(v);
            return b == null ? v : b;
        }
        if ("-+0123456789.".indexOf(c) < 0 || v.length() > MAX_NUMBER_CHARS) {
            return v;
        }
        if (!numeric(v)) {
            return v;
        }
        Object number = simpleInteger(v);
        if (number != null) {
            return number;
        }
        if (c != '.' && INT.matcher(v).matches()) {
            Object i = integer(v);
            return i == null ? v : i;
        }
        if (FLOAT.matcher(v).matches()) {
            Object f = floating(v);
            return f == null ? v : f;
        }
        return v;
    }

    /** Whether every character may appear in a YAML 1.1 number (so "1m" or "30s" skip the expressions). */
    private static boolean numeric(String v) {
        for (int i = 0; i < v.length(); i++) {
            if ("0123456789+-._:xXbBeEaAcCdDfFiInN".indexOf(v.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable Boolean bool(String v) {
        return switch (v) {
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON" -> Boolean.TRUE;
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A decimal integer without underscores or a leading zero, read without a regular expression. */
    private static @Nullable Object simpleInteger(String v) {
        int start = v.charAt(0) == '-' ? 1 : 0;
        if (start == v.length() || v.length() - start > 18 || v.charAt(start) == '0' && v.length() > start + 1) {
            return null;
        }
        long n = 0;
        for (int i = start; i < v.length(); i++) {
            char d = v.charAt(i);
            if (d < '0' || d > '9') {
                return null;
            }
            n = n * 10 + (d - '0');
        }
        n = start == 1 ? -n : n;
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? (Object) (int) n : (Object) n;
    }

    /** An integer in any of YAML 1.1's notations, or null for one Jackson reads as a string (sexagesimal). */
    private static @Nullable Object integer(String v) {
        if (v.indexOf(':') >= 0) {
            return null;
        }
        boolean negative = v.startsWith("-");
        String s = (v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v).replace("_", "");
        int radix = 10;
        if (s.length() > 1 && s.charAt(0) == '0') {
            char r = s.charAt(1);
            radix = r == 'x' || r == 'X' ? 16 : r == 'b' || r == 'B' ? 2 : 8;
            s = radix == 8 ? s.substring(1) : s.substring(2);
        }
        try {
            BigInteger n = new BigInteger(s, radix);
            return narrow(negative ? n.negate() : n);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object narrow(BigInteger n) {
        if (n.compareTo(INT_MIN) >= 0 && n.compareTo(INT_MAX) <= 0) {
            return n.intValue();
        }
        return n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0 ? (Object) n.longValue() : n;
    }

    private static @Nullable Object floating(String v) {
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
