package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromQlTest {

    @Nested
    class Escaping {
        @Test
        void escapesBackslashesQuotesAndControlCharacters() {
            assertThat(PromQl.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\x01\"");
        }

        @Test
        void escapesOnlyTheQuoteThatOpenedTheString() {
            assertThat(PromQl.escape("it's \"x\"", '\'')).isEqualTo("it\\'s \"x\"");
        }

        @Test
        void anyStringSurvivesQuotingAndUnquotingUnchanged() {
            qt().withExamples(2000).forAll(strings().allPossible().ofLengthBetween(0, 40))
                    .checkAssert(s -> assertThat(PromQlStrings.unquote(PromQl.quote(s))).isEqualTo(s));
        }

        @Test
        void aQuotedStringHasNoUnescapedQuoteBeforeItsEnd() {
            qt().withExamples(2000).forAll(strings().allPossible().ofLengthBetween(0, 40))
                    .checkAssert(s -> assertThat(PromQlStrings.literalEnd(PromQl.quote(s), 0))
                            .isEqualTo(PromQl.quote(s).length() - 1));
        }
    }

    @Nested
    class Durations {
        @Test
        void formatsInPrometheusSyntax() {
            assertThat(PromQl.duration(Duration.ofMinutes(1))).isEqualTo("1m");
            assertThat(PromQl.duration(Duration.ofMinutes(90))).isEqualTo("1h30m");
            assertThat(PromQl.duration(Duration.ofMillis(1500))).isEqualTo("1s500ms");
            assertThat(PromQl.duration(Duration.ofHours(49))).isEqualTo("49h");
        }

        @Test
        void refusesZeroNegativeAndSubMillisecondDurations() {
            assertThatThrownBy(() -> PromQl.duration(Duration.ZERO)).hasMessageContaining("positive");
            assertThatThrownBy(() -> PromQl.duration(Duration.ofSeconds(-1))).hasMessageContaining("positive");
            assertThatThrownBy(() -> PromQl.duration(Duration.ofNanos(1_500_000))).hasMessageContaining("milliseconds");
        }
    }

    @Nested
    class Names {
        @ParameterizedTest
        @ValueSource(strings = {"podinfo", "demo-canary", "a", "my.app-1"})
        void acceptsKubernetesNames(String name) {
            assertThat(PromQl.kubernetesName("name", name)).isEqualTo(name);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Podinfo", "-a", "a-", "a\"b", "a}[1m]) or vector(1", "a b", "a_b"})
        void rejectsAnythingElseNamingTheField(String name) {
            assertThatThrownBy(() -> PromQl.kubernetesName("service.name", name))
                    .hasMessageStartingWith("service.name must be a Kubernetes name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.99", "5m", "http_requests_total", "job:rate5m"})
        void bareValuesAreSingleTokens(String value) {
            assertThat(PromQl.isBare(value)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "1) or vector(1", "a\"", "x y", "-1", "a{b}", "a#"})
        void valuesThatCouldChangeAQueryAreNotBare(String value) {
            assertThat(PromQl.isBare(value)).isFalse();
        }
    }
}
