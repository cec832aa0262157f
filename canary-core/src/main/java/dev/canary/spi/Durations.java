package dev.canary.spi;

import java.time.Duration;

/** Parses and formats durations in Flagger's (Go's) format: {@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h30m}. */
public final class Durations {
    /** The longest duration parsed: about Go's limit (292 years), in whole hours. Longer ones are an error. */
    public static final Duration MAX = Duration.ofHours(2_562_047);

    private Durations() {
    }

    /**
     * Parses {@code 1h30m}-style durations, or ISO-8601 ({@code PT10S}), of at most {@link #MAX}.
     *
     * @throws IllegalArgumentException saying what was expected, or the largest duration accepted
     */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.startsWith("P") || s.startsWith("p")) {
            Duration d;
            try {
                d = Duration.parse(s);
            } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
                throw e instanceof ArithmeticException ? tooLong(text) : invalid(text);
            }
            if (d.compareTo(MAX) > 0) {
                throw tooLong(text);
            }
            return d;
        }
        long nanos = 0;
        int at = 0;
        while (at < s.length()) {
            int start = at;
            at = digits(s, at);
            if (at == start) {
                throw invalid(text);
            }
            boolean fraction = at < s.length() && s.charAt(at) == '.';
            if (fraction) {
                int fractionStart = at + 1;
                at = digits(s, fractionStart);
                if (at == fractionStart) {
                    throw invalid(text);
                }
            }
            int numberEnd = at;
            if (at == s.length()) {
                throw invalid(text);
            }
            long unit;
            char c = s.charAt(at++);
            if (c == 'm' && at < s.length() && s.charAt(at) == 's') {
                at++;
                unit = 1_000_000L;
            } else {
                unit = switch (c) {
                    case 's' -> 1_000_000_000L;
                    case 'm' -> 60_000_000_000L;
                    case 'h' -> 3_600_000_000_000L;
                    default -> throw invalid(text);
                };
            }
            double part = amount(s, start, numberEnd, fraction) * unit;
            if (!(part <= MAX.toNanos() - nanos)) {
                throw tooLong(text);
            }
            nanos += Math.round(part);
        }
        if (at == 0) {
            throw invalid(text);
        }
        return Duration.ofNanos(nanos);
    }

    /** The index of the first character at or after {@code from} that is not an ASCII digit. */
    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** The number {@code s[from, to)}, as {@link Double#parseDouble} reads it (whole numbers without a copy). */
    private static double amount(String s, int from, int to, boolean fraction) {
        if (fraction || to - from > 15) {
            return Double.parseDouble(s.substring(from, to));
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + s.charAt(i) - '0';
        }
        return value;
    }

    /** Formats as Flagger would write it: {@code 1h30m}, {@code 10s}, {@code 1m}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int millis = d.toMillisPart();
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (minutes > 0) {
            b.append(minutes).append('m');
        }
        if (seconds > 0) {
            b.append(seconds).append('s');
        }
        if (millis > 0) {
            b.append(millis).append("ms");
        }
        return b.toString();
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("'" + text + "' is out of range: the largest duration accepted is "
                + format(MAX));
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; use forms like 500ms, 10s, 1m or 1h30m");
    }
}
