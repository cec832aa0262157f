package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateRendererTest {
    private static final Map<String, String> MODEL = Map.of("name", "podinfo", "namespace", "demo",
            "target", "podinfo-app", "service", "podinfo-svc", "interval", "1m");

    private static String render(String template, Map<String, String> variables) {
        return TemplateRenderer.render(template, MODEL, variables);
    }

    @Nested
    class Model {
        @Test
        void replacesEveryModelFunction() {
            assertThat(render("{{ name }} {{ namespace }} {{ target }} {{ service }} {{ interval }}", Map.of()))
                    .isEqualTo("podinfo demo podinfo-app podinfo-svc 1m");
        }

        @Test
        void rendersFlaggersDocumentedTemplate() {
            String template = "sum(rate(http_requests_total{namespace=\"{{ namespace }}\","
                    + "pod=~\"{{ target }}-[0-9a-z]+\","
                    + "status!~\"5..\"}[{{ interval }}]))";
            assertThat(render(template, Map.of())).isEqualTo("sum(rate(http_requests_total{namespace=\"demo\","
                    + "pod=~\"podinfo-app-[0-9a-z]+\",status!~\"5..\"}[1m]))");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{{namespace}}", "{{ namespace }}", "{{   namespace\t}}", "{{\nnamespace\n}}"})
        void toleratesWhitespaceInsideTheBraces(String placeholder) {
            assertThat(render("ns=" + placeholder, Map.of())).isEqualTo("ns=demo");
        }

        @Test
        void honoursGoTrimMarkers() {
            assertThat(render("a  {{- namespace -}}   b", Map.of())).isEqualTo("ademob");
        }

        @Test
        void aTemplateWithoutPlaceholdersIsUnchanged() {
            assertThat(render("sum(up{job=\"x\"})", Map.of())).isEqualTo("sum(up{job=\"x\"})");
        }

        @Test
        void anUnknownExpressionIsAnErrorListingTheKnownOnes() {
            assertThatThrownBy(() -> render("{{ ingress }}", Map.of()))
                    .hasMessageContaining("unknown template expression {{ ingress }}")
                    .hasMessageContaining("variables.<key>");
        }

        @Test
        void anUnclosedPlaceholderIsAnError() {
            assertThatThrownBy(() -> render("up{{ namespace", Map.of())).hasMessageContaining("never closed");
        }
    }

    @Nested
    class Variables {
        @Test
        void replacesVariablesByKey() {
            assertThat(render("rate(x{code=~\"{{ variables.codes }}\"}[{{ variables.window }}])",
                    Map.of("codes", "5..", "window", "5m"))).isEqualTo("rate(x{code=~\"5..\"}[5m])");
        }

        @Test
        void aMissingVariableIsAnErrorNamingItAndTheOnesThatExist() {
            assertThatThrownBy(() -> render("{{ variables.missing }}", Map.of("a", "1", "b", "2")))
                    .hasMessageContaining("template variable 'missing' is not set")
                    .hasMessageContaining("[a, b]");
        }

        @Test
        void aValueInsideDoubleQuotesIsEscaped() {
            assertThat(render("x{a=\"{{ variables.v }}\"}", Map.of("v", "\"} or vector(1) # ")))
                    .isEqualTo("x{a=\"\\\"} or vector(1) # \"}");
        }

        @Test
        void aValueInsideSingleQuotesIsEscapedForThatQuote() {
            assertThat(render("x{a='{{ variables.v }}'}", Map.of("v", "it's \"q\"")))
                    .isEqualTo("x{a='it\\'s \"q\"'}");
        }

        @Test
        void quotesAndEscapesInTheTemplateBeforeThePlaceholderAreTracked() {
            assertThat(render("x{a=\"q\\\"{{ namespace }}\",b={{ variables.n }}}", Map.of("n", "1")))
                    .isEqualTo("x{a=\"q\\\"demo\",b=1}");
            assertThatThrownBy(() -> render("x{a=\"q\\\"\",b={{ variables.n }}}", Map.of("n", "1 or 2")))
                    .hasMessageContaining("outside quotes");
        }

        @Test
        void aPlaceholderRightAfterABackslashInAStringIsRefused() {
            assertThatThrownBy(() -> render("x{a=\"\\{{ variables.v }}\"}", Map.of("v", "\"")))
                    .hasMessageContaining("must not follow a backslash");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1) or vector(100", "x\"", "1 ", "", "-1", "a}"})
        void outsideQuotesOnlyASingleTokenIsAllowed(String value) {
            assertThatThrownBy(() -> render("histogram_quantile({{ variables.q }}, x)", Map.of("q", value)))
                    .hasMessageContaining("value of {{ variables.q }} is not allowed here");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.99", "5m", "http_requests_total", "job:rate5m"})
        void outsideQuotesNumbersDurationsAndNamesAreAllowed(String value) {
            assertThat(render("f({{ variables.v }})", Map.of("v", value))).isEqualTo("f(" + value + ")");
        }

        @Test
        void aRawStringRefusesABacktick() {
            assertThat(render("x{a=~`{{ variables.v }}`}", Map.of("v", "a\\d"))).isEqualTo("x{a=~`a\\d`}");
            assertThatThrownBy(() -> render("x{a=~`{{ variables.v }}`}", Map.of("v", "`} or vector(1)")))
                    .hasMessageContaining("raw string");
        }

        @Test
        void aCommentRefusesALineBreak() {
            assertThat(render("up # {{ variables.v }}\n", Map.of("v", "note"))).isEqualTo("up # note\n");
            assertThatThrownBy(() -> render("up # {{ variables.v }}\n", Map.of("v", "x\nor vector(1)")))
                    .hasMessageContaining("line break");
        }
    }

    @Nested
    class NoInjection {
        @Test
        void noValueCanEndTheStringLiteralItIsInsertedIn() {
            String template = "sum(x{a=\"{{ variables.v }}\"})";
            qt().withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 30)).checkAssert(v -> {
                String rendered = render(template, Map.of("v", v));
                int open = "sum(x{a=".length();
                int close = PromQlStrings.literalEnd(rendered, open);
                assertThat(rendered.substring(close)).isEqualTo("\"})");
                assertThat(PromQlStrings.unquote(rendered.substring(open, close + 1))).isEqualTo(v);
            });
        }

        @Test
        void everyValueOutsideQuotesIsEitherASingleTokenOrRefused() {
            qt().withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 30)).checkAssert(v -> {
                try {
                    assertThat(render("f({{ variables.v }})", Map.of("v", v))).isEqualTo("f(" + v + ")");
                    assertThat(v).matches("[A-Za-z0-9_:.]+");
                } catch (IllegalArgumentException refused) {
                    assertThat(refused).hasMessageContaining("not allowed here");
                }
            });
        }
    }
}
