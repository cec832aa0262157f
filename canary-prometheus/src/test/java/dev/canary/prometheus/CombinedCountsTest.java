package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CombinedCountsTest {
    static final String SERVICE = "demo-canary-podinfo-canary-80@kubernetescrd";
    static final Duration W = Duration.ofMinutes(5);

    static String tagged(String query, String part) {
        return "label_replace(" + query + ", \"canary_count\", \"" + part + "\", \"\", \"\")";
    }

    static QueryResult.VectorSample sample(double value, String... labels) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new QueryResult.VectorSample(map, new QueryResult.Sample(Instant.EPOCH, value));
    }

    @Nested
    class Query {
        @Test
        void tagsTheBuiltinQueriesAsTheyAreAndJoinsThemWithOr() {
            String requests = TraefikQueries.requests(SERVICE, W);
            String failures = TraefikQueries.failures(SERVICE, W);
            String buckets = TraefikQueries.buckets(SERVICE, W);
            assertThat(CombinedCounts.query(List.of(requests, failures, buckets))).isEqualTo(
                    "label_replace(sum(increase(traefik_service_request_duration_seconds_bucket{service=\"" + SERVICE
                            + "\",le=\"+Inf\"}[5m])), \"canary_count\", \"requests\", \"\", \"\")"
                            + " or label_replace(sum(increase(traefik_service_request_duration_seconds_bucket{"
                            + "service=\"" + SERVICE + "\",code=~\"5..\",le=\"+Inf\"}[5m])), \"canary_count\", "
                            + "\"failures\", \"\", \"\")"
                            + " or label_replace(sum by (le) (increase(traefik_service_request_duration_seconds_bucket{"
                            + "service=\"" + SERVICE + "\"}[5m])), \"canary_count\", \"buckets\", \"\", \"\")");
        }

        @Test
        void readsTwoPartsWithoutBuckets() {
            assertThat(CombinedCounts.query(List.of("sum(a)", "sum(b)")))
                    .isEqualTo(tagged("sum(a)", "requests") + " or " + tagged("sum(b)", "failures"));
        }

        @Test
        void aggregatesWhatIsNotOneSumAlready() {
            assertThat(CombinedCounts.query(List.of("increase(a[1m])", "sum(b) / 2 * sum(c)", "b_bucket")))
                    .isEqualTo(tagged("sum(increase(a[1m]))", "requests") + " or "
                            + tagged("sum(sum(b) / 2 * sum(c))", "failures") + " or "
                            + tagged("sum by (le) (b_bucket)", "buckets"));
        }

        @Test
        void sumsBucketsByLeOnlyWhenTheyAreNotSummedByLeAlone() {
            assertThat(CombinedCounts.query(List.of("sum(a)", "sum(b)", "sum by (le, pod) (x)")))
                    .endsWith(tagged("sum by (le) (sum by (le, pod) (x))", "buckets"));
            assertThat(CombinedCounts.query(List.of("sum(a)", "sum(b)", "sum(x) by (le)")))
                    .endsWith(tagged("sum by (le) (sum(x) by (le))", "buckets"));
            assertThat(CombinedCounts.query(List.of("sum(a)", "sum(b)", "sum by(le)(x)")))
                    .endsWith(tagged("sum by(le)(x)", "buckets"));
            assertThat(CombinedCounts.query(List.of("sum(a)", "sum(b)", "sum(x)")))
                    .endsWith(tagged("sum by (le) (sum(x))", "buckets"));
        }

        @Test
        void readsParenthesesInsideStringsAsText() {
            String quoted = "sum(a{path=~\"/x)\"}) + sum(b{path='(\\'y'})";
            assertThat(CombinedCounts.query(List.of(quoted, "sum(c{q=`)`})")))
                    .isEqualTo(tagged("sum(" + quoted + ")", "requests") + " or "
                            + tagged("sum(c{q=`)`})", "failures"));
        }

        @Test
        void closesAfterACommentOnANewLine() {
            assertThat(CombinedCounts.query(List.of("sum(a) # all requests", "sum(b)")))
                    .startsWith(tagged("sum(sum(a) # all requests\n)", "requests"));
        }

        @Test
        void trimsTheQueries() {
            assertThat(CombinedCounts.query(List.of("  sum(a)\n", "sum(b)"))).startsWith(tagged("sum(a)", "requests"));
        }
    }

    @Nested
    class Split {
        @Test
        void returnsOneVectorPerPartWithoutTheTag() {
            QueryResult.Vector answer = new QueryResult.Vector(List.of(sample(400, "canary_count", "requests"),
                    sample(390, "canary_count", "buckets", "le", "0.25"),
                    sample(400, "canary_count", "buckets", "le", "+Inf")), List.of("warned"));
            List<QueryResult.Vector> parts = CombinedCounts.split(answer, 3);
            assertThat(parts.get(0).samples()).containsExactly(sample(400));
            assertThat(parts.get(1).samples()).as("no failures series: an empty answer").isEmpty();
            assertThat(parts.get(2).samples()).containsExactly(sample(390, "le", "0.25"), sample(400, "le", "+Inf"));
            assertThat(parts).allSatisfy(p -> assertThat(p.warnings()).containsExactly("warned"));
        }

        @Test
        void anEmptyAnswerIsEmptyParts() {
            assertThat(CombinedCounts.split(new QueryResult.Vector(List.of(), List.of()), 2))
                    .hasSize(2).allSatisfy(p -> assertThat(p.samples()).isEmpty());
        }

        @Test
        void refusesASeriesOfNoPart() {
            assertThatThrownBy(() -> CombinedCounts.split(new QueryResult.Vector(List.of(sample(1)), List.of()), 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a canary_count label");
            QueryResult.Vector buckets = new QueryResult.Vector(List.of(sample(1, "canary_count", "buckets")),
                    List.of());
            assertThatThrownBy(() -> CombinedCounts.split(buckets, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("{canary_count=\"buckets\"}");
        }

        @Test
        void refusesAnAnswerThatIsNoVector() {
            QueryResult scalar = new QueryResult.Scalar(new QueryResult.Sample(Instant.EPOCH, 1), List.of());
            assertThatThrownBy(() -> CombinedCounts.split(scalar, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("answered a Scalar where a vector was expected");
        }
    }
}
