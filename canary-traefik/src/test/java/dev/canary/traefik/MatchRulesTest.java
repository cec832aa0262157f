package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.canary.spec.MatchRule;
import dev.canary.spec.StringMatch;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MatchRulesTest {

    @Nested
    class Headers {
        @Test
        void exactValuesUseTheExactMatcherOfEachSyntax() {
            List<MatchRule> rules = List.of(MatchRule.header("x-canary", StringMatch.exact("insider")));
            assertThat(MatchRules.render(rules, RuleSyntax.V3)).isEqualTo("(Header(`x-canary`, `insider`))");
            assertThat(MatchRules.render(rules, RuleSyntax.V2)).isEqualTo("(Headers(`x-canary`, `insider`))");
        }

        @Test
        void prefixSuffixAndRegexBecomeAnchoredRegularExpressions() {
            assertThat(render(MatchRule.header("user-agent", StringMatch.prefix("Mozilla/5.0 (X11"))))
                    .isEqualTo("(HeaderRegexp(`user-agent`, `^Mozilla/5\\.0 \\(X11`))");
            assertThat(render(MatchRule.header("x-env", StringMatch.suffix(".test"))))
                    .isEqualTo("(HeaderRegexp(`x-env`, `\\.test$`))");
            assertThat(render(MatchRule.header("x-canary", StringMatch.regex("insider|beta"))))
                    .isEqualTo("(HeaderRegexp(`x-canary`, `^(?:insider|beta)$`))");
        }

        @Test
        void aValueWithABackquoteIsWrittenAsAnInterpretedGoString() {
            assertThat(render(MatchRule.header("x-q", StringMatch.exact("a`b\"c\\"))))
                    .isEqualTo("(Header(`x-q`, \"a`b\\\"c\\\\\"))");
        }
    }

    @Nested
    class Cookies {
        @Test
        void aCookieIsMatchedAsOneNameValuePairInTheCookieHeader() {
            String rule = render(MatchRule.cookie("canary", StringMatch.exact("always")));
            assertThat(rule).isEqualTo("(HeaderRegexp(`Cookie`, `(?:^|;)\\s*canary=always\\s*(?:;|$)`))");
            Pattern pattern = Pattern.compile(rule.substring(rule.indexOf(", `") + 3, rule.lastIndexOf('`')));
            assertThat(pattern.matcher("session=1; canary=always").find()).isTrue();
            assertThat(pattern.matcher("canary=always;x=1").find()).isTrue();
            assertThat(pattern.matcher("notcanary=always").find()).isFalse();
            assertThat(pattern.matcher("canary=alwaysnot").find()).isFalse();
        }

        @Test
        void prefixAndSuffixStayWithinTheCookiesValue() {
            assertThat(render(MatchRule.cookie("c", StringMatch.prefix("v1."))))
                    .contains("c=v1\\.[^;]*\\s*(?:;|$)");
            assertThat(render(MatchRule.cookie("c", StringMatch.suffix("-beta")))).contains("c=[^;]*-beta\\s*");
        }
    }

    @Test
    void rulesAreAlternativesAndEverythingInARuleMustMatch() {
        List<MatchRule> rules = List.of(
                new MatchRule(Map.of("x-b", StringMatch.exact("2"), "x-a", StringMatch.exact("1")), Map.of()),
                new MatchRule(Map.of(), Map.of()),
                MatchRule.header("x-c", StringMatch.exact("3")));
        assertThat(MatchRules.render(rules, RuleSyntax.V3))
                .isEqualTo("(Header(`x-a`, `1`) && Header(`x-b`, `2`)) || (Header(`x-c`, `3`))");
    }

    @Test
    void quotedTextMatchesItselfLiterally() {
        qt().withExamples(500).forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 30))
                .check(text -> Pattern.compile("^" + MatchRules.quoteMeta(text) + "$").matcher(text).matches());
    }

    private static String render(MatchRule rule) {
        return MatchRules.render(List.of(rule), RuleSyntax.V3);
    }
}
