package dev.canary.prometheus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.Redaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseParserTest {

    private static QueryResult parse(String body) {
        return ResponseParser.parse(body.getBytes(UTF_8), "q", Redaction.NONE);
    }

    @Nested
    class ResultTypes {
        @Test
        void readsAVectorWithLabelsAndTheSampleTime() {
            QueryResult result = parse(Envelopes.labelledVector("42.5", "code=200,service=a"));
            assertThat(result).isInstanceOfSatisfying(QueryResult.Vector.class, v -> {
                assertThat(v.samples()).hasSize(1);
                assertThat(v.samples().get(0).labels()).isEqualTo(Map.of("code", "200", "service", "a"));
                assertThat(v.samples().get(0).sample())
                        .isEqualTo(new QueryResult.Sample(Instant.ofEpochMilli(1_700_000_000_123L), 42.5));
            });
        }

        @Test
        void readsAnEmptyVectorAsNoSamples() {
            assertThat(parse(Envelopes.vector())).isEqualTo(new QueryResult.Vector(List.of(), List.of()));
        }

        @Test
        void readsAScalar() {
            assertThat(parse(Envelopes.scalar("3")))
                    .isEqualTo(new QueryResult.Scalar(
                            new QueryResult.Sample(Instant.ofEpochMilli(1_700_000_000_123L), 3), List.of()));
        }

        @Test
        void readsAMatrixInTimeOrder() {
            QueryResult result = parse(Envelopes.matrix("service=a", "1", "2", "NaN"));
            assertThat(result).isInstanceOfSatisfying(QueryResult.Matrix.class, m -> {
                assertThat(m.series()).singleElement().satisfies(s -> {
                    assertThat(s.labelText()).isEqualTo("{service=\"a\"}");
                    assertThat(s.samples()).extracting(QueryResult.Sample::value).containsExactly(1.0, 2.0, Double.NaN);
                    assertThat(s.samples().get(1).time()).isEqualTo(Instant.ofEpochSecond(1_700_000_010L));
                });
            });
        }

        @Test
        void readsAString() {
            assertThat(parse(Envelopes.text("hello"))).isInstanceOfSatisfying(QueryResult.Text.class,
                    t -> assertThat(t.value()).isEqualTo("hello"));
        }

        @Test
        void keepsWarnings() {
            QueryResult result = parse(Envelopes.withWarnings(Envelopes.vector("1"), "results truncated"));
            assertThat(result.warnings()).containsExactly("results truncated");
        }

        @Test
        void ignoresInfosAndUnknownFieldsOfNewerVersions() {
            String body = Envelopes.vector("1").replace("{\"status\"", "{\"infos\":[\"x\"],\"extra\":1,\"status\"");
            assertThat(parse(body)).isInstanceOf(QueryResult.Vector.class);
        }
    }

    @Nested
    class SampleValues {
        @ParameterizedTest
        @CsvSource({"NaN,NaN", "+Inf,Infinity", "-Inf,-Infinity", "1e-07,1.0E-7", "1e+21,1.0E21",
                "123456789012,1.23456789012E11", "84.66082288922266,84.66082288922266", "-0.5,-0.5"})
        void parsesPrometheusNumberEncodings(String text, double expected) {
            assertThat(Double.valueOf(ResponseParser.value(text))).isEqualTo(Double.valueOf(expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Infinity", "0x1p3", "1d", "1f", "", " 1", "one"})
        void rejectsWhatJavaAcceptsButPrometheusNeverSends(String text) {
            assertThatThrownBy(() -> ResponseParser.value(text)).isInstanceOf(NumberFormatException.class);
        }
    }

    @Nested
    class InvalidEnvelopes {
        @Test
        void malformedJsonIsANonRetryableError() {
            assertThatThrownBy(() -> parse("{\"status\":\"success\",\"data\":{"))
                    .isInstanceOfSatisfying(PrometheusException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("not valid JSON").contains("query: q");
                    });
        }

        @Test
        void statusErrorInASuccessfulResponseQuotesTheError() {
            assertThatThrownBy(() -> parse(Envelopes.error("execution", "boom")))
                    .isInstanceOfSatisfying(PrometheusException.class, e -> {
                        assertThat(e.errorType()).isEqualTo("execution");
                        assertThat(e.getMessage()).contains("boom");
                    });
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "{\"status\":\"weird\"}",
                "{\"status\":\"success\",\"data\":{\"resultType\":\"x\"}}",
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":{}}}",
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,2]}}",
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[\"t\",\"2\"]}}",
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"two\"]}}"})
        void anEnvelopeThatBreaksTheApiIsRejectedWithTheReason(String body) {
            assertThatThrownBy(() -> parse(body)).isInstanceOf(PrometheusException.class)
                    .hasMessageContaining("query: q");
        }

        @Test
        void nativeHistogramSamplesAreRejectedWithAHint() {
            String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                    + "\"histogram\":[1,{\"count\":\"1\"}]}]}}";
            assertThatThrownBy(() -> parse(body)).hasMessageContaining("native histograms are not supported");
        }
    }

    @Nested
    class ErrorBodies {
        @Test
        void readsPrometheusErrorTypeAndMessage() {
            ResponseParser.ErrorBody error = ResponseParser.error(
                    Envelopes.error("bad_data", "parse error").getBytes(UTF_8), Redaction.NONE);
            assertThat(error).isEqualTo(new ResponseParser.ErrorBody("bad_data", "parse error"));
        }

        @Test
        void quotesTheStartOfABodyThatIsNotTheEnvelope() {
            ResponseParser.ErrorBody error = ResponseParser.error(("<html>Bad\n gateway " + "x".repeat(1000))
                    .getBytes(UTF_8), Redaction.NONE);
            assertThat(error.errorType()).isNull();
            assertThat(error.error()).startsWith("<html>Bad gateway").endsWith("...(truncated)").hasSizeLessThan(320);
        }

        @Test
        void redactsSecretsTheServerEchoes() {
            ResponseParser.ErrorBody error = ResponseParser.error("denied for Bearer s3cr3t-token".getBytes(UTF_8),
                    Redaction.of(List.of("s3cr3t-token")));
            assertThat(error.error()).isEqualTo("denied for Bearer ***");
        }
    }
}
