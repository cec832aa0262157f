package dev.canary.spi;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats durations in Flagger's (Go's) format: {@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
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
        Matcher m = PART.matcher(s);
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw invalid(text);
            }
            double amount = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            double part = amount * unit;
            if (!(part <= MAX.toNanos() - nanos)) {
                throw tooLong(text);
            }
            nanos += Math.round(part);
            end = m.end();
        }
        if (end == 0 || end != s.length()) {
            throw invalid(text);
        }
        return Duration.ofNanos(nanos);
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
