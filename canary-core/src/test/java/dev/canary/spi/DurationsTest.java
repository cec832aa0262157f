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
}
