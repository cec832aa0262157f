package dev.canary.manifest;

import dev.canary.manifest.Node.Location;

/**
 * The YAML text being read and the reading position, with the lexical rules of YAML 1.1 (as SnakeYAML applies
 * them) for white space, comments, document markers and plain scalars. Line breaks are {@code \n} only (the
 * reader normalizes {@code \r\n} and {@code \r} first). Not thread-safe; one per load.
 */
final class YamlText {
    /** A syntax error at a place in the text; the reader turns it into a {@link ManifestProblem}. */
    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Location at;

        SyntaxError(Location at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    final String s;
    /** Short texts already read, by hash: see {@link #text}. */
    private final String[] seen = new String[512];
    int pos;
    private int line = 1;
    private int lineStart;
    /** Surrogate pairs on the current line before {@code countedTo}, so that columns count code points. */
    private int countedLine;
    private int countedTo;
    private int pairs;

    YamlText(String s) {
        this.s = s;
    }

    /** The character at the position, or {@code \0} at the end. */
    char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    char peek(int ahead) {
        int i = pos + ahead;
        return i < s.length() ? s.charAt(i) : '\0';
    }

    boolean eof() {
        return pos >= s.length();
    }

    /** The 0-based column of the position. */
    int column() {
        return pos - lineStart;
    }

    Location here() {
        return Node.MapNode.unpack(at());
    }

    /** The position's line and column, packed as {@code line << 32 | column}; columns count code points. */
    long at() {
        if (countedLine != line || countedTo < lineStart || countedTo > pos) {
            countedLine = line;
            countedTo = lineStart;
            pairs = 0;
        }
        for (; countedTo < pos; countedTo++) {
            if (Character.isLowSurrogate(s.charAt(countedTo)) && countedTo > lineStart
                    && Character.isHighSurrogate(s.charAt(countedTo - 1))) {
                pairs++;
            }
        }
        return (long) line << 32 | (pos - lineStart - pairs + 1);
    }

    SyntaxError error(String message) {
        return new SyntaxError(here(), message);
    }

    /** Moves over one character, counting lines. */
    void forward() {
        if (s.charAt(pos++) == '\n') {
            line++;
            lineStart = pos;
        }
    }

    /** Whether {@code c} ends a token: white space, a line break or the end of the text. */
    static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\0';
    }

    boolean blankAt(int ahead) {
        return blank(peek(ahead));
    }

    void skipSpaces() {
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
    }

    /** Whether the position is at a comment, a line break or the end (after {@link #skipSpaces}). */
    boolean atLineEnd() {
        char c = peek();
        return c == '\n' || c == '\0' || c == '#' && (pos == lineStart || blank(s.charAt(pos - 1)));
    }

    /** Skips white space, comments and line breaks up to the next content or the end of the text. */
    void skipToContent() {
        while (true) {
            skipSpaces();
            char c = peek();
            if (c == '#' && (pos == lineStart || blank(s.charAt(pos - 1)))) {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n') {
                forward();
            } else {
                if (pos > lineStart && s.charAt(pos - 1) == '\t' && indentHasTab()) {
                    throw error("a tab character indents this line; YAML indents with spaces only");
                }
                return;
            }
        }
    }

    private boolean indentHasTab() {
        for (int i = lineStart; i < pos; i++) {
            if (s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                return false;
            }
        }
        return s.substring(lineStart, pos).indexOf('\t') >= 0;
    }

    /** Expects the rest of the line to be white space or a comment. */
    void expectLineEnd(String after) {
        skipSpaces();
        if (!atLineEnd()) {
            throw error("unexpected '" + peek() + "' after " + after + "; expected the end of the line");
        }
    }

    /** Whether a document marker ({@code ---} or {@code ...}) starts at the position, at the start of a line. */
    boolean atMarker(char c) {
        return pos == lineStart && pos + 2 < s.length() && s.charAt(pos) == c && s.charAt(pos + 1) == c
                && s.charAt(pos + 2) == c && blank(peek(3));
    }

    boolean atAnyMarker() {
        return atMarker('-') || atMarker('.');
    }

    /**
     * Reads a plain scalar from the position (one line only when {@code multiLine} is false), folding line breaks
     * as YAML does. In block context continuation lines must be indented more than {@code parent}. Stops at
     * {@code ": "}, at a comment, and in flow context at a flow indicator; the position is then after the
     * scalar's trailing white space.
     */
    String plain(boolean flow, int parent, boolean multiLine) {
        int lineTextStart = pos;
        int lastEnd = pos;
        StringBuilder folded = null;
        while (peek() != '#') {
            int start = pos;
            while (pos < s.length() && !endsPlain(s.charAt(pos), flow)) {
                pos++;
            }
            if (pos == start) {
                break;
            }
            lastEnd = pos;
            skipSpaces();
            if (peek() != '\n') {
                continue;
            }
            if (!multiLine) {
                break;
            }
            int breaks = 0;
            while (peek() == '\n' && !atAnyMarker()) {
                forward();
                breaks++;
                skipSpaces();
            }
            if (eof() || atAnyMarker() || peek() == '#' || !flow && column() <= parent) {
                break;
            }
            if (folded == null) {
                folded = new StringBuilder(Math.max(16, 2 * (lastEnd - lineTextStart)));
            }
            folded.append(s, lineTextStart, lastEnd);
            if (breaks == 1) {
                folded.append(' ');
            } else {
                folded.append("\n".repeat(breaks - 1));
            }
            lineTextStart = pos;
        }
        return folded == null ? text(lineTextStart, lastEnd) : folded.append(s, lineTextStart, lastEnd).toString();
    }

    /**
     * The text between two positions; short texts seen before (keys, names, namespaces repeat in every document)
     * are shared, not copied again.
     */
    String text(int start, int end) {
        int length = end - start;
        if (length > 24) {
            return s.substring(start, end);
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + s.charAt(i);
        }
        int slot = (hash ^ hash >>> 16) & (seen.length - 1);
        String cached = seen[slot];
        if (cached != null && cached.length() == length && s.startsWith(cached, start)) {
            return cached;
        }
        return seen[slot] = s.substring(start, end);
    }

    /** Whether the plain scalar at the position is a block mapping key: followed by ": " on its line. */
    boolean plainIsKey() {
        int start = pos;
        try {
            while (true) {
                while (pos < s.length() && !endsPlain(s.charAt(pos), false)) {
                    pos++;
                }
                skipSpaces();
                char c = peek();
                if (c == ':') {
                    return blankAt(1);
                }
                if (c == '\n' || c == '\0' || c == '#') {
                    return false;
                }
            }
        } finally {
            pos = start;
        }
    }

    private boolean endsPlain(char c, boolean flow) {
        return c == ' ' || c == '\t' || c == '\n'
                || c == ':' && (blank(peek(1)) || flow && ",[]{}".indexOf(peek(1)) >= 0)
                || flow && ",?[]{}".indexOf(c) >= 0;
    }
}
