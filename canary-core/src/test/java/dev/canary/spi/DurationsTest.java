package dev.canary.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"10s,PT10S", "1m,PT1M", "1h30m,PT1H30M", "500ms,PT0.5S", "1.5s,PT1.5S", "PT2M,PT2M", "2h,PT2H"})
    void parsesFlaggerAndIsoDurations(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "10 s", "s10", "1x", "1m-", "P"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration; use forms like 500ms, 10s, 1m or 1h30m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10s", "1m", "1h30m", "250ms", "1m5s"})
    void formatsWhatItParses(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2562048h", "99999999999h", "9223372036854775807ms", "2562047h2562047h", "PT2562048H",
        "PT99999999999999H"})
    void refusesWhatIsBeyondTheLargestDurationInsteadOfCappingIt(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is out of range: the largest duration accepted is 2562047h");
    }

    @org.junit.jupiter.api.Test
    void acceptsTheLargestDuration() {
        assertThat(Durations.parse("2562047h")).isEqualTo(Durations.MAX);
    }

    /** Seeded random texts read as the regular expression {@code (\d+(\.\d+)?)(ms|s|m|h)}, repeated, reads them. */
    @org.junit.jupiter.api.Test
    void readsEveryTextAsTheRegularExpressionOfItsPartsDoes() {
        java.util.Random random = new java.util.Random(16);
        String alphabet = "0123456789..mshx -";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(9); i > 0; i--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            assertThat(outcome(() -> Durations.parse(text))).as(text).isEqualTo(outcome(() -> byPattern(text)));
        }
    }

    private static String outcome(java.util.function.Supplier<Duration> parse) {
        try {
            return parse.get().toString();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Duration byPattern(String text) {
        String s = text.trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)").matcher(s);
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw notADuration(text);
            }
            long unit = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            double part = Double.parseDouble(m.group(1)) * unit;
            if (!(part <= Durations.MAX.toNanos() - nanos)) {
                throw new IllegalArgumentException("'" + text + "' is out of range: the largest duration accepted is "
                        + "2562047h");
            }
            nanos += Math.round(part);
            end = m.end();
        }
        if (end == 0 || end != s.length()) {
            throw notADuration(text);
        }
        return Duration.ofNanos(nanos);
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; use forms like 500ms, 10s, 1m or 1h30m");
    }
}
