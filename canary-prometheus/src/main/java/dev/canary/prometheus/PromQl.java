package dev.canary.prometheus;

import java.time.Duration;
import java.util.regex.Pattern;

/** Checks and escapes values before they go into PromQL, so that no value can change a query's structure. */
final class PromQl {
    /** Kubernetes DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', at most 253 characters. */
    private static final Pattern KUBERNETES_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int MAX_NAME_LENGTH = 253;
    /** Values allowed outside a string literal: numbers, durations, metric and label names. */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_:.]+");

    private PromQl() {
    }

    /**
     * Returns {@code value} when it is a valid Kubernetes name.
     *
     * @throws IllegalArgumentException naming {@code what} and the rule
     */
    static String kubernetesName(String what, String value) {
        if (value.length() > MAX_NAME_LENGTH || !KUBERNETES_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a Kubernetes name (lower-case letters, digits, "
                    + "'-' and '.', starting and ending with a letter or digit) but was '" + value + "'");
        }
        return value;
    }

    /** Whether {@code value} may stand outside a string literal (a number, duration, metric or label name). */
    static boolean isBare(String value) {
        return BARE.matcher(value).matches();
    }

    /**
     * Formats a duration in Prometheus' syntax ({@code 1h30m}, {@code 10s}, {@code 250ms}).
     *
     * @throws IllegalArgumentException when it is not a positive whole number of milliseconds
     */
    static String duration(Duration d) {
        if (d.isNegative() || d.isZero() || d.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("a Prometheus duration must be a positive whole number of "
                    + "milliseconds but was " + d);
        }
        StringBuilder b = new StringBuilder();
        append(b, d.toHours(), "h");
        append(b, d.toMinutesPart(), "m");
        append(b, d.toSecondsPart(), "s");
        append(b, d.toMillisPart(), "ms");
        return b.toString();
    }

    private static void append(StringBuilder b, long amount, String unit) {
        if (amount > 0) {
            b.append(amount).append(unit);
        }
    }

    /** {@code value} as a double-quoted PromQL string literal. */
    static String quote(String value) {
        return '"' + escape(value, '"') + '"';
    }

    /** Escapes {@code value} for use inside a PromQL string literal opened with {@code quote}. */
    static String escape(String value, char quote) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == quote) {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
