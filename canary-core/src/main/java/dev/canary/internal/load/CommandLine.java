package dev.canary.internal.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments the way a POSIX shell would for plain words, single quotes, double quotes
 * and backslashes, and rejects every other shell feature (pipes, redirections, {@code ;}, {@code &}, command
 * substitution, variables): commands are started directly, never through a shell. Stateless.
 */
public final class CommandLine {
    private static final String OPERATORS = "|&;<>`$()";

    private CommandLine() {
    }

    /** @throws IllegalArgumentException on unbalanced quotes, shell syntax, or an empty line */
    public static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    args.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '\'') {
                i = quoted(line, i, '\'', word);
                inWord = true;
            } else if (c == '"') {
                i = quoted(line, i, '"', word);
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (OPERATORS.indexOf(c) >= 0) {
                throw new IllegalArgumentException("the command line uses shell syntax '" + c + "' at position "
                        + (i + 1) + ", which is not supported: commands run without a shell (no pipes, "
                        + "redirections, variables or command lists); quote the character if it is an argument");
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            args.add(word.toString());
        }
        if (args.isEmpty()) {
            throw new IllegalArgumentException("the command line is empty");
        }
        return args;
    }

    /** Appends the quoted text starting at {@code open}; returns the index of the closing quote. */
    private static int quoted(String line, int open, char quote, StringBuilder word) {
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == quote) {
                return i;
            }
            if (quote == '"' && c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                c = line.charAt(++i);
            } else if (quote == '"' && (c == '$' || c == '`')) {
                throw new IllegalArgumentException("the command line uses shell expansion '" + c + "' inside "
                        + "double quotes at position " + (i + 1) + ", which is not supported: use single quotes");
            }
            word.append(c);
        }
        throw new IllegalArgumentException("the command line has an unclosed " + quote + " quote starting at "
                + "position " + (open + 1));
    }
}
