package dev.canary.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
    @Nested
    class Words {
        @Test
        void splitsOnWhitespace() {
            assertThat(CommandLine.split("  hey -z 1m\t-c 2  http://app/ "))
                    .containsExactly("hey", "-z", "1m", "-c", "2", "http://app/");
        }

        @Test
        void keepsQuotedTextTogether() {
            assertThat(CommandLine.split("hey -H 'Cookie: a=1; b=2' -d \"{\\\"id\\\": 1}\" http://app/"))
                    .containsExactly("hey", "-H", "Cookie: a=1; b=2", "-d", "{\"id\": 1}", "http://app/");
        }

        @Test
        void aBackslashEscapesTheNextCharacter() {
            assertThat(CommandLine.split("echo a\\ b \\|")).containsExactly("echo", "a b", "|");
        }
    }

    @Nested
    class ShellSyntax {
        @ParameterizedTest
        @ValueSource(strings = {"hey http://app/ | tee out", "hey http://app/ > out", "hey http://app/; rm x",
                "hey http://app/ && true", "hey $(cat url)", "hey `cat url`", "hey $URL"})
        void isRejectedBecauseNoShellRunsTheCommand(String line) {
            assertThatThrownBy(() -> CommandLine.split(line))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("commands run without a shell");
        }

        @Test
        void expansionInsideDoubleQuotesIsRejected() {
            assertThatThrownBy(() -> CommandLine.split("hey \"$URL\""))
                    .hasMessageContaining("shell expansion '$' inside double quotes");
        }

        @Test
        void anUnclosedQuoteIsReported() {
            assertThatThrownBy(() -> CommandLine.split("hey 'http://app/"))
                    .hasMessageContaining("unclosed ' quote starting at position 5");
        }

        @Test
        void anEmptyLineIsReported() {
            assertThatThrownBy(() -> CommandLine.split("   ")).hasMessage("the command line is empty");
        }
    }
}
