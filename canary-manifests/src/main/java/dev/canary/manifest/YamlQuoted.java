package dev.canary.manifest;

/**
 * Reads quoted scalars ({@code 'single'}, {@code "double"} with escapes) and block scalars ({@code |} literal,
 * {@code >} folded, with chomping and indentation indicators) from a {@link YamlText}, folding lines as YAML
 * 1.1 does. Stateless.
 */
final class YamlQuoted {
    private YamlQuoted() {
    }

    /** A quoted scalar at the position (on its quote); leaves the position after the closing quote. */
    static String quoted(YamlText t) {
        char quote = t.peek();
        boolean dbl = quote == '"';
        t.forward();
        StringBuilder b = new StringBuilder(16);
        while (true) {
            int start = t.pos;
            while (!t.eof() && t.peek() != quote && t.peek() != '\n' && !(dbl && t.peek() == '\\')) {
                t.pos++;
            }
            if (t.eof()) {
                throw t.error("the input ends inside a quoted value; close it with " + quote);
            }
            char c = t.peek();
            if (c == quote) {
                b.append(t.s, start, t.pos);
                t.forward();
                if (!dbl && t.peek() == '\'') {
                    b.append('\'');
                    t.forward();
                    continue;
                }
                return b.toString();
            }
            if (c == '\\') {
                b.append(t.s, start, t.pos);
                t.forward();
                if (t.peek() == '\n') {
                    fold(t, b, true);
                } else {
                    escape(t, b);
                }
                continue;
            }
            int end = t.pos;
            while (end > start && (t.s.charAt(end - 1) == ' ' || t.s.charAt(end - 1) == '\t')) {
                end--;
            }
            b.append(t.s, start, end);
            fold(t, b, false);
        }
    }

    /** At a line break inside quotes: folds it (and following empty lines) and skips the next indentation. */
    private static void fold(YamlText t, StringBuilder b, boolean escaped) {
        int breaks = 0;
        while (t.peek() == '\n') {
            t.forward();
            breaks++;
            if (t.atAnyMarker()) {
                throw t.error("a document marker inside a quoted value; close the quote before it");
            }
            t.skipSpaces();
        }
        if (breaks == 1) {
            if (!escaped) {
                b.append(' ');
            }
        } else {
            b.append("\n".repeat(breaks - 1));
        }
    }

    private static void escape(YamlText t, StringBuilder b) {
        char e = t.peek();
        String simple = switch (e) {
            case '0' -> "\0";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 't', '\t' -> "\t";
            case 'n' -> "\n";
            case 'v' -> "\u000B";
            case 'f' -> "\f";
            case 'r' -> "\r";
            case 'e' -> "\u001B";
            case ' ' -> " ";
            case '"' -> "\"";
            case '/' -> "/";
            case '\\' -> "\\";
            case 'N' -> "\u0085";
            case '_' -> "\u00A0";
            case 'L' -> "\u2028";
            case 'P' -> "\u2029";
            default -> null;
        };
        if (simple != null) {
            b.append(simple);
            t.forward();
            return;
        }
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
        if (digits == 0) {
            throw t.error("unknown escape \\" + e + " in a double-quoted value");
        }
        t.forward();
        int code = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(t.peek(), 16);
            if (d < 0) {
                throw t.error("\\" + e + " must be followed by " + digits + " hexadecimal digits");
            }
            code = code * 16 + d;
            t.forward();
        }
        if (!Character.isValidCodePoint(code)) {
            throw t.error("\\U" + Integer.toHexString(code) + " is not a Unicode character");
        }
        b.appendCodePoint(code);
    }

    /**
     * A block scalar at the position (on {@code |} or {@code >}); {@code parent} is the indentation of the
     * collection it is in (-1 at the top). Leaves the position at the first line that is not part of it.
     */
    static String block(YamlText t, int parent) {
        boolean folded = t.peek() == '>';
        t.forward();
        int chomping = 0;
        int increment = 0;
        for (int i = 0; i < 2; i++) {
            char c = t.peek();
            if ((c == '+' || c == '-') && chomping == 0) {
                chomping = c == '+' ? 1 : -1;
                t.forward();
            } else if (c >= '1' && c <= '9' && increment == 0) {
                increment = c - '0';
                t.forward();
            }
        }
        t.expectLineEnd("a block scalar indicator (| or > with at most + or - and one digit)");
        while (!t.eof() && t.peek() != '\n') {
            t.pos++;
        }
        if (!t.eof()) {
            t.forward();
        }
        int min = Math.max(1, parent + 1);
        StringBuilder breaks = new StringBuilder();
        int indent;
        if (increment == 0) {
            int max = 0;
            while (t.peek() == ' ' || t.peek() == '\n') {
                if (t.peek() == ' ') {
                    t.pos++;
                    max = Math.max(max, t.column());
                } else {
                    breaks.append('\n');
                    t.forward();
                }
            }
            indent = Math.max(min, max);
        } else {
            indent = min + increment - 1;
            breaks(t, indent, breaks);
        }
        StringBuilder b = new StringBuilder(64);
        String lineBreak = "";
        while (t.column() == indent && !t.eof()) {
            b.append(breaks);
            boolean leadingNonSpace = t.peek() != ' ' && t.peek() != '\t';
            int start = t.pos;
            while (!t.eof() && t.peek() != '\n') {
                t.pos++;
            }
            b.append(t.s, start, t.pos);
            lineBreak = t.eof() ? "" : "\n";
            if (!t.eof()) {
                t.forward();
            }
            breaks.setLength(0);
            breaks(t, indent, breaks);
            if (t.column() == indent && !t.eof()) {
                if (folded && !lineBreak.isEmpty() && leadingNonSpace && t.peek() != ' ' && t.peek() != '\t') {
                    if (breaks.length() == 0) {
                        b.append(' ');
                    }
                } else {
                    b.append(lineBreak);
                }
            } else {
                break;
            }
        }
        if (chomping >= 0) {
            b.append(lineBreak);
        }
        if (chomping > 0) {
            b.append(breaks);
        }
        return b.toString();
    }

    private static void breaks(YamlText t, int indent, StringBuilder breaks) {
        while (t.column() < indent && t.peek() == ' ') {
            t.pos++;
        }
        while (t.peek() == '\n') {
            breaks.append('\n');
            t.forward();
            while (t.column() < indent && t.peek() == ' ') {
                t.pos++;
            }
        }
    }
}
