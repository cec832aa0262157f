package dev.canary.prometheus;

/** A reference reading of PromQL string literals (Go escapes), independent of the code under test. */
final class PromQlStrings {
    private PromQlStrings() {
    }

    /** The index of the quote that closes the literal opening at {@code start}, or -1. */
    static int literalEnd(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            } else if (c == '\n') {
                return -1; // PromQL strings cannot span lines
            }
        }
        return -1;
    }

    /** Decodes a quoted literal such as {@code "a\"b"}. */
    static String unquote(String literal) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
