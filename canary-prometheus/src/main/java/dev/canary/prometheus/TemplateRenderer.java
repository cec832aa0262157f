package dev.canary.prometheus;

import java.util.Map;
import java.util.TreeMap;

/**
 * Renders PromQL templates in Flagger's syntax (<code>{{ namespace }}</code>, <code>{{ variables.key }}</code>,
 * whitespace-tolerant, with Go's <code>{{-</code> / <code>-}}</code> trim markers).
 *
 * <p>No value can change the structure of the query: model values are Kubernetes names and a Prometheus
 * duration, checked before; a user variable inside a string literal is escaped for that literal, and
 * outside one it must be a plain token (number, duration, metric or label name).
 */
final class TemplateRenderer {
    private static final String KNOWN = "name, namespace, target, service, interval, variables.<key>";

    private TemplateRenderer() {
    }

    /**
     * @param model     values of {@code name}, {@code namespace}, {@code target}, {@code service}, {@code interval},
     *                  already validated
     * @param variables the check's {@code templateVariables}
     * @throws IllegalArgumentException naming the unknown or missing variable, or the unsafe value
     */
    static String render(String template, Map<String, String> model, Map<String, String> variables) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        Lexer lexer = new Lexer();
        int pos = 0;
        while (true) {
            int open = template.indexOf("{{", pos);
            String literal = template.substring(pos, open < 0 ? template.length() : open);
            out.append(literal);
            lexer.feed(literal);
            if (open < 0) {
                return out.toString();
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("'{{' at offset " + open + " is never closed with '}}'");
            }
            String inner = template.substring(open + 2, close);
            if (inner.length() >= 2 && inner.charAt(0) == '-' && Character.isWhitespace(inner.charAt(1))) {
                trimTrailingWhitespace(out);
                inner = inner.substring(1);
            }
            pos = close + 2;
            int end = inner.length();
            if (end >= 2 && inner.charAt(end - 1) == '-' && Character.isWhitespace(inner.charAt(end - 2))) {
                inner = inner.substring(0, end - 1);
                while (pos < template.length() && Character.isWhitespace(template.charAt(pos))) {
                    pos++;
                }
            }
            String expression = inner.strip();
            out.append(insert(expression, lookup(expression, model, variables), lexer));
        }
    }

    private static String lookup(String expression, Map<String, String> model, Map<String, String> variables) {
        if (expression.startsWith("variables.")) {
            String key = expression.substring("variables.".length());
            String value = variables.get(key);
            if (value == null) {
                throw new IllegalArgumentException("template variable '" + key + "' is not set (in {{ "
                        + expression + " }}); the check's templateVariables has " + new TreeMap<>(variables).keySet());
            }
            return value;
        }
        String value = model.get(expression);
        if (value == null) {
            throw new IllegalArgumentException("unknown template expression {{ " + expression + " }}; known: "
                    + KNOWN);
        }
        return value;
    }

    private static String insert(String expression, String value, Lexer lexer) {
        boolean variable = expression.startsWith("variables.");
        if (lexer.escaped) {
            throw unsafe(expression, value, "a placeholder must not follow a backslash inside a string");
        }
        return switch (lexer.state) {
            case DOUBLE_QUOTED -> PromQl.escape(value, '"');
            case SINGLE_QUOTED -> PromQl.escape(value, '\'');
            case RAW -> {
                if (value.indexOf('`') >= 0) {
                    throw unsafe(expression, value, "a value inside a `raw string` must not contain '`'");
                }
                yield value;
            }
            case COMMENT -> {
                if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                    throw unsafe(expression, value, "a value inside a comment must not contain a line break");
                }
                yield value;
            }
            case CODE -> {
                if (variable && !PromQl.isBare(value)) {
                    throw unsafe(expression, value, "outside quotes a value may only hold letters, digits, '_', ':'"
                            + " and '.' (a number, duration, metric or label name); put the placeholder inside a"
                            + " quoted string to use any text");
                }
                yield value;
            }
        };
    }

    private static IllegalArgumentException unsafe(String expression, String value, String rule) {
        return new IllegalArgumentException("value of {{ " + expression + " }} is not allowed here: " + rule
                + " (was '" + value + "')");
    }

    private static void trimTrailingWhitespace(StringBuilder out) {
        while (!out.isEmpty() && Character.isWhitespace(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
    }

    /** Tracks whether the text so far ends inside a string literal or a comment (PromQL's lexical rules). */
    private static final class Lexer {
        private State state = State.CODE;
        private boolean escaped;

        void feed(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (state) {
                    case CODE -> state = switch (c) {
                        case '"' -> State.DOUBLE_QUOTED;
                        case '\'' -> State.SINGLE_QUOTED;
                        case '`' -> State.RAW;
                        case '#' -> State.COMMENT;
                        default -> State.CODE;
                    };
                    case DOUBLE_QUOTED, SINGLE_QUOTED -> quoted(c);
                    case RAW -> state = c == '`' ? State.CODE : State.RAW;
                    case COMMENT -> state = c == '\n' ? State.CODE : State.COMMENT;
                }
            }
        }

        private void quoted(char c) {
            char quote = state == State.DOUBLE_QUOTED ? '"' : '\'';
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == quote) {
                state = State.CODE;
            }
        }
    }

    private enum State { CODE, DOUBLE_QUOTED, SINGLE_QUOTED, RAW, COMMENT }
}
