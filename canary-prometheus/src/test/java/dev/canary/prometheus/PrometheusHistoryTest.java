package dev.canary.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.canary.backtest.RecordedTick;
import dev.canary.backtest.Release;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricResult;
import dev.canary.spec.ThresholdRange;
import dev.canary.testkit.ContractSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PrometheusHistory} against a WireMock Prometheus: failures, ambiguous answers, split queries. */
class PrometheusHistoryTest {
    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    static final String RANGE_PATH = "/api/v1/query_range";
    static final String QUERY = "sum(rate(errors_total[1m]))";
    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    static final String EMPTY = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";

    final WireMockPrometheus prometheus = new WireMockPrometheus(WM);
    PrometheusHistory history;

    static CanarySpec spec(Duration interval) {
        CanarySpec seed = ContractSpecs.seed();
        AnalysisSpec analysis = seed.analysis().toBuilder().interval(interval).metrics(MetricCheck.builder("errors")
                .query(QUERY).thresholdRange(ThresholdRange.atMost(1)).build()).build();
        return seed.toBuilder().analysis(analysis).build();
    }

    static List<Instant> ticks(int n, Duration step) {
        return IntStream.range(0, n).mapToObj(k -> T0.plus(step.multipliedBy(k))).toList();
    }

    @BeforeEach
    void setUp() {
        WM.stubFor(post(urlPathEqualTo(RANGE_PATH)).atPriority(10).willReturn(okJson(EMPTY)));
        history = PrometheusHistory.of(prometheus.provider());
    }

    @AfterEach
    void close() {
        prometheus.closeAll();
    }

    void answer(String body) {
        WM.stubFor(post(urlPathEqualTo(RANGE_PATH)).withFormParam("query", equalTo(QUERY)).atPriority(1)
                .willReturn(okJson(body)));
    }

    @Test
    void givesEachTickTheValueAtItsTimeAndNoDataWhereThereIsNone() {
        answer(Envelopes.matrix("", "0.5", "2"));
        List<RecordedTick> ticks = history.record(spec(Duration.ofSeconds(10)), Release.at("r", T0),
                ticks(3, Duration.ofSeconds(10)));
        assertThat(ticks).extracting(t -> t.metrics().get("errors")).satisfiesExactly(
                r -> assertThat(r).isEqualTo(new MetricResult.Value(0.5, -1, QUERY)),
                r -> assertThat(r).isEqualTo(new MetricResult.Value(2, -1, QUERY)),
                r -> assertThat(r).isInstanceOfSatisfying(MetricResult.NoData.class,
                        n -> assertThat(n.reason()).contains("no series at " + T0.plusSeconds(20))));
        assertThat(ticks).allMatch(t -> t.routes() == null);
    }

    @Test
    void aRejectedQueryFailsEveryTickWithPrometheusReason() {
        WM.stubFor(post(urlPathEqualTo(RANGE_PATH)).withFormParam("query", equalTo(QUERY)).atPriority(1)
                .willReturn(aResponse().withStatus(400).withBody(Envelopes.error("bad_data", "parse error"))));
        List<RecordedTick> ticks = history.record(spec(Duration.ofSeconds(10)), Release.at("r", T0),
                ticks(2, Duration.ofSeconds(10)));
        assertThat(ticks).extracting(t -> t.metrics().get("errors")).allSatisfy(r -> assertThat(r)
                .isInstanceOfSatisfying(MetricResult.Failed.class, f -> assertThat(f.message())
                        .contains("Prometheus rejected the query").contains("parse error")));
    }

    @Test
    void severalSeriesAtATickAreAFailureNamingTheCount() {
        String two = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"a\":\"1\"},\"values\":[[1700000000,\"1\"]]},"
                + "{\"metric\":{\"a\":\"2\"},\"values\":[[1700000000,\"2\"]]}]}}";
        answer(two);
        List<RecordedTick> ticks = history.record(spec(Duration.ofSeconds(10)), Release.at("r", T0),
                ticks(1, Duration.ofSeconds(10)));
        assertThat(ticks.get(0).metrics().get("errors")).isInstanceOfSatisfying(MetricResult.Failed.class,
                f -> assertThat(f.message()).contains("returned 2 series"));
    }

    @Test
    void splitsAReleaseLongerThanPrometheusAllowsIntoSeveralRangeQueries() {
        answer(EMPTY);
        List<RecordedTick> ticks = history.record(spec(Duration.ofSeconds(1)), Release.at("r", T0),
                ticks(12_000, Duration.ofSeconds(1)));
        assertThat(ticks).hasSize(12_000);
        assertThat(WM.findAll(postRequestedFor(urlPathEqualTo(RANGE_PATH)).withFormParam("query", equalTo(QUERY))))
                .hasSize(2);
    }

    @Test
    void findsNoReleaseWhereTheCanaryServedNothing() {
        assertThat(history.releases(spec(Duration.ofSeconds(10)), T0, T0.plusSeconds(3600))).isEmpty();
    }
}
