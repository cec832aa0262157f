package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.backtest.Backtest;
import dev.canary.backtest.BacktestText;
import dev.canary.backtest.Comparison;
import dev.canary.backtest.BacktestReport;
import dev.canary.backtest.Outcome;
import dev.canary.backtest.RecordedTick;
import dev.canary.backtest.Release;
import dev.canary.backtest.ReleaseResult;
import dev.canary.backtest.ReplayTick;
import dev.canary.backtest.Weights;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.SequentialSpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.Routes;
import dev.canary.spec.Verdict;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.prometheus.PrometheusServer;
import dev.canary.testkit.prometheus.TraefikDay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backtests on a real Prometheus server loaded with a known day of Traefik metrics ({@link TraefikDay}) through
 * promtool's backfill. Fails (never skips) when prometheus or promtool is missing.
 */
class PrometheusHistoryIntegrationTest {
    static final CanarySpec SEED = ContractSpecs.seed();
    static final TraefikDay DAY = TraefikDay.yesterday();

    @TempDir
    static Path dir;
    static PrometheusServer server;
    static PrometheusMetricsProvider provider;
    static PrometheusHistory history;
    static BacktestReport day;

    @BeforeAll
    static void loadTheDay() throws Exception {
        server = PrometheusServer.backfilled(DAY.write(dir.resolve("day.om")));
        provider = PrometheusMetricsProvider.builder().address(server.uri().toString()).build();
        history = PrometheusHistory.of(provider);
        day = Backtest.builder().spec(SEED).history(history).build().run(DAY.day(), DAY.at(Duration.ofHours(24)));
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static ReleaseResult release(TraefikDay.Incident start) {
        return day.releases().stream().filter(r -> r.release().start().equals(DAY.at(start))).findFirst()
                .orElseThrow(() -> new AssertionError("no release found at " + DAY.at(start) + ": " + day));
    }

    static List<Instant> ticksWhere(ReleaseResult result, String check, Predicate<CheckEvaluation> p) {
        return result.ticks().stream().map(ReplayTick::decision).filter(d -> d.checks().stream()
                .anyMatch(c -> c.name().equals(check) && p.test(c))).map(d -> d.at()).toList();
    }

    @Test
    void findsExactlyTheDaysReleasesFromTheCanarysTraffic() {
        assertThat(day.releases()).extracting(r -> r.release().start())
                .containsExactlyElementsOf(TraefikDay.RELEASES.stream().map(DAY::at).toList());
    }

    @Test
    void promotesTheHealthyReleasesAndRollsBackTheBadOnesByTheRightCheck() {
        assertThat(day.releases()).extracting(ReleaseResult::outcome).containsExactly(Outcome.PROMOTED,
                Outcome.PROMOTED, Outcome.ROLLED_BACK, Outcome.ROLLED_BACK, Outcome.PROMOTED);
        assertThat(release(TraefikDay.BURST).decidingChecks()).containsExactly(MetricCheck.REQUEST_SUCCESS_RATE);
        assertThat(release(TraefikDay.LATENCY).decidingChecks()).containsExactly(MetricCheck.REQUEST_DURATION);
        assertThat(day.rollbackRate()).isEqualTo(0.4);
        assertThat(day.decidingChecks()).containsOnly(Map.entry(MetricCheck.REQUEST_SUCCESS_RATE, 1L),
                Map.entry(MetricCheck.REQUEST_DURATION, 1L));
    }

    @Test
    void decidesAtTheTickTheThresholdIsReached() {
        // errors from 30 s on: ticks 40 s .. 130 s fail, the 10th failure rolls back
        assertThat(release(TraefikDay.BURST).decidedAt()).isEqualTo(DAY.at(TraefikDay.BURST).plusSeconds(130));
        // slow requests from the first canary request: ticks 20 s .. 110 s fail
        assertThat(release(TraefikDay.LATENCY).decidedAt()).isEqualTo(DAY.at(TraefikDay.LATENCY).plusSeconds(110));
        assertThat(release(TraefikDay.HEALTHY).decidedAt()).isEqualTo(DAY.at(TraefikDay.HEALTHY).plusSeconds(110));
    }

    @Test
    void readsTheValuesALiveRunWouldHaveRead() {
        ReleaseResult burst = release(TraefikDay.BURST);
        CheckEvaluation rate = burst.ticks().get(6).decision().checks().get(0);
        assertThat(rate.value()).isBetween(97.5, 98.5);
        // one minute of the canary at 5..25 %: 25 + 50 + 75 + 100 + 125 requests
        assertThat(rate.samples()).isEqualTo(375);
        ReleaseResult latency = release(TraefikDay.LATENCY);
        assertThat(latency.ticks().get(5).decision().checks().get(1).value()).isBetween(900.0, 1100.0);
        assertThat(ticksWhere(release(TraefikDay.HEALTHY), MetricCheck.REQUEST_DURATION,
                c -> c.value() != null && c.value() > 100)).isEmpty();
    }

    @Nested
    class Gaps {
        @Test
        void aScrapeOutageIsNoDataInTheTicksWhoseWindowItEmpties() {
            ReleaseResult gap = release(TraefikDay.GAP);
            Instant start = DAY.at(TraefikDay.GAP);
            assertThat(ticksWhere(gap, MetricCheck.REQUEST_SUCCESS_RATE, c -> c.detail().startsWith("no data")))
                    .containsExactly(start.plusSeconds(100), start.plusSeconds(110), start.plusSeconds(120),
                            start.plusSeconds(130), start.plusSeconds(140));
            assertThat(gap.outcome()).isEqualTo(Outcome.PROMOTED);
            assertThat(gap.failures()).containsEntry(MetricCheck.REQUEST_SUCCESS_RATE, 5);
        }
    }

    @Nested
    class CounterResets {
        @Test
        void doNotDisturbTheValuesOrTheWeights() {
            ReleaseResult reset = release(TraefikDay.RESET);
            assertThat(reset.outcome()).isEqualTo(Outcome.PROMOTED);
            assertThat(reset.failures()).isEmpty();
            assertThat(reset.ticks()).map(ReplayTick::recorded).filteredOn(Objects::nonNull)
                    .allMatch(r -> r.canary() <= 50);
        }
    }

    @Nested
    class NoTraffic {
        @Test
        void isNoDataAtEveryTickAndFailsAsFlaggerWouldByDefault() {
            ReleaseResult idle = Backtest.builder().spec(SEED).history(history).build()
                    .run(Release.at("idle", DAY.at(TraefikDay.IDLE_FROM).plusSeconds(300)));
            assertThat(idle.ticks().stream().flatMap(t -> t.decision().checks().stream()))
                    .isNotEmpty().allMatch(c -> c.verdict() == Verdict.FAIL && c.detail().startsWith("no data"));
            assertThat(idle.outcome()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(idle.ticks()).allMatch(t -> t.recorded() == null);
        }
    }

    @Nested
    class RecordedWeights {
        @Test
        void areTheCanarysShareOfTheRequestsSinceThePreviousTick() {
            Release healthy = Release.at("v1", DAY.at(TraefikDay.HEALTHY));
            List<Instant> times = java.util.stream.IntStream.rangeClosed(0, 50)
                    .mapToObj(k -> healthy.start().plusSeconds(10L * k)).toList();
            List<RecordedTick> ticks = history.record(SEED, healthy, times);
            // no request before the first weight at 10 s; 5 more every 10 s up to 50; held until 400 s
            List<Integer> canary = ticks.stream().map(t -> t.routes() == null ? -1 : t.routes().canary()).toList();
            assertThat(canary).startsWith(0, 0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 50);
            assertThat(canary.subList(39, 43)).containsExactly(50, 50, 0, 0);
        }

        @Test
        void driveTheEngineWhenAsked() {
            // the spec holds at 45 while the outage fails its checks, the router had gone on to 50
            Release gap = Release.at("v2", DAY.at(TraefikDay.GAP));
            ReleaseResult recorded = Backtest.builder().spec(SEED).history(history).weights(Weights.RECORDED)
                    .build().run(gap);
            ReleaseResult spec = Backtest.builder().spec(SEED).history(history).build().run(gap);
            assertThat(recorded.weights()).isEqualTo(Weights.RECORDED);
            assertThat(recorded.ticks().get(15).routes()).isEqualTo(Routes.canary(50));
            assertThat(spec.ticks().get(15).routes()).isEqualTo(Routes.canary(45));
            assertThat(recorded.decidedAt()).isEqualTo(gap.start().plusSeconds(150));
            assertThat(spec.decidedAt()).isEqualTo(gap.start().plusSeconds(160));
        }
    }

    @Test
    void aReleasesServiceNamesReplaceTheSpecsForTheBuiltinChecksAndTheWeights() {
        // read the other way round: the "canary" is the primary, which served 90 % at 20 s and had no errors
        Release swapped = Release.at("swapped", DAY.at(TraefikDay.BURST)).withServices(TraefikDay.PRIMARY,
                TraefikDay.CANARY);
        List<Instant> times = java.util.stream.IntStream.rangeClosed(0, 10)
                .mapToObj(k -> swapped.start().plusSeconds(10L * k)).toList();
        List<RecordedTick> ticks = history.record(SEED, swapped, times);
        assertThat(ticks.get(3).routes()).isEqualTo(Routes.canary(90));
        assertThat(ticks.get(10).metrics().get(MetricCheck.REQUEST_SUCCESS_RATE))
                .isInstanceOfSatisfying(MetricResult.Value.class, v -> assertThat(v.value()).isEqualTo(100));
    }

    @Nested
    class SequentialChecks {
        /** The seed's checks judged sequentially against the SLO and the primary (the defaults). */
        final CanarySpec sequential = SEED.toBuilder().analysis(SEED.analysis().toBuilder().metrics(
                SEED.analysis().metrics().stream().map(c -> c.toBuilder().sequential(SequentialSpec.ofDefaults())
                        .build()).toList()).build()).build();
        final BacktestReport report = Backtest.builder().spec(sequential).history(history).build().run(
                day.releases().stream().map(ReleaseResult::release).toList());

        @Test
        void areJudgedFromTheCountsAtEachPastTick() {
            assertThat(report.releases()).extracting(ReleaseResult::outcome).containsExactly(Outcome.PROMOTED,
                    Outcome.PROMOTED, Outcome.ROLLED_BACK, Outcome.ROLLED_BACK, Outcome.PROMOTED);
            ReleaseResult burst = report.releases().get(2);
            assertThat(burst.reason()).contains("sequential checks showed harm").contains("request-success-rate");
            assertThat(burst.decidingChecks()).containsExactly(MetricCheck.REQUEST_SUCCESS_RATE);
            assertThat(report.releases().get(3).decidingChecks()).containsExactly(MetricCheck.REQUEST_DURATION);
            // the threshold rule needs ten failed ticks; the evidence of 2 % errors and of slow requests is there
            // sooner
            assertThat(burst.decidedAt()).isBefore(release(TraefikDay.BURST).decidedAt());
            assertThat(report.releases().get(3).decidedAt()).isBefore(release(TraefikDay.LATENCY).decidedAt());
            // the scrape outage costs no failed tick: the counts cover the analysis so far
            assertThat(report.releases().get(1).decidedAt()).isEqualTo(DAY.at(TraefikDay.GAP).plusSeconds(110));
        }

        @Test
        void findNoHarmWithoutTrafficAndFollowOnUndecidedAfterMaxHold() {
            Backtest backtest = Backtest.builder().spec(sequential).history(history).build();
            ReleaseResult idle = backtest.run(Release.at("idle", DAY.at(TraefikDay.IDLE_FROM).plusSeconds(300)));
            assertThat(idle.outcome()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(idle.reason()).contains("maxHold");
            assertThat(idle.decidingChecks()).isEmpty();
            // cut before maxHold runs out, it stays undecided: no traffic gives no verdict
            ReleaseResult cut = Backtest.builder().spec(sequential).history(history).maxDuration(Duration.ofMinutes(5))
                    .build().run(Release.at("idle", DAY.at(TraefikDay.IDLE_FROM).plusSeconds(300)));
            assertThat(cut.outcome()).isEqualTo(Outcome.UNDECIDED);
            assertThat(cut.reason()).contains("waiting for sequential checks").doesNotContain("log LR");
        }

        @Test
        void theComparisonWithTheThresholdRuleShowsTheDifference() {
            Comparison comparison = new Comparison(day, report);
            assertThat(BacktestText.comparison(comparison, "threshold", "sequential"))
                    .contains("releases decided differently");
        }
    }

    /**
     * A metric-template latency check on the backfilled Traefik series: the template's count queries (requests,
     * failures, and the latency buckets) answer what the builtin {@code request-duration} counts, so the check with
     * {@code latencyBound} 500 ms decides every release as the builtin sequential latency check does.
     */
    @Nested
    class TemplateLatencyChecks {
        static final String SERVICE = "service=~\"{{ namespace }}-{{ target }}(-canary)?-80@kubernetescrd\"";
        static final MetricTemplate P99 = MetricTemplate.prometheus("demo-canary", "p99",
                "histogram_quantile(0.99, sum by (le) (rate(traefik_service_request_duration_seconds_bucket{"
                        + SERVICE + "}[{{ interval }}])))").withCounts(new MetricTemplate.Counts(
                "sum(increase(traefik_service_requests_total{" + SERVICE + "}[{{ window }}]))",
                "sum(increase(traefik_service_requests_total{" + SERVICE + ",code=~\"5..\"}[{{ window }}]))",
                "sum by (le) (increase(traefik_service_request_duration_seconds_bucket{" + SERVICE
                        + "}[{{ window }}]))"));

        static CanarySpec with(MetricCheck check) {
            return SEED.toBuilder().analysis(SEED.analysis().toBuilder().metrics(check).build()).build();
        }

        @Test
        void decideEveryReleaseOfTheDayAsTheBuiltinLatencyCheckDoes() {
            CanarySpec template = with(MetricCheck.builder("latency").templateRef(ObjectRef.of("p99"))
                    .thresholdRange(ThresholdRange.atMost(0.5))
                    .sequential(SequentialSpec.builder().latencyBound(Duration.ofMillis(500)).build()).build());
            CanarySpec builtin = with(MetricCheck.p99LatencyMillis(500).toBuilder()
                    .sequential(SequentialSpec.ofDefaults()).build());
            List<Release> releases = day.releases().stream().map(ReleaseResult::release).toList();
            PrometheusMetricsProvider templates = PrometheusMetricsProvider.builder()
                    .address(server.uri().toString()).template(P99).build();
            try {
                BacktestReport judged = Backtest.builder().spec(template).history(PrometheusHistory.of(templates))
                        .build().run(releases);
                BacktestReport expected = Backtest.builder().spec(builtin).history(history).build().run(releases);
                assertThat(judged.releases()).extracting(ReleaseResult::outcome).containsExactly(Outcome.PROMOTED,
                        Outcome.PROMOTED, Outcome.PROMOTED, Outcome.ROLLED_BACK, Outcome.PROMOTED);
                assertThat(judged.releases()).extracting(ReleaseResult::decidedAt)
                        .containsExactlyElementsOf(expected.releases().stream().map(ReleaseResult::decidedAt).toList());
                ReleaseResult slow = judged.releases().get(3);
                assertThat(slow.release().start()).isEqualTo(DAY.at(TraefikDay.LATENCY));
                assertThat(slow.decidingChecks()).containsExactly("latency");
                assertThat(slow.reason()).contains("sequential checks showed harm", "latency");
            } finally {
                templates.close();
            }
        }
    }

    @Test
    void splitsARangeQueryOverPrometheusPointLimit() {
        Instant start = DAY.day();
        Instant end = DAY.at(Duration.ofHours(24));
        var matrix = history.queryRange("sum(traefik_service_requests_total{service=\"" + TraefikDay.PRIMARY
                + "\"})", start, end, Duration.ofSeconds(5));
        assertThat(matrix.series()).hasSize(1);
        assertThat(matrix.series().get(0).samples()).hasSize(17_281)
                .extracting(s -> s.time().getEpochSecond() - start.getEpochSecond())
                .startsWith(0L, 5L, 10L).endsWith(86_395L, 86_400L);
    }

    @Test
    void answersEveryTickOfAReleaseWithOneResultPerCheck() {
        Release burst = Release.at("burst", DAY.at(TraefikDay.BURST));
        List<RecordedTick> ticks = history.record(SEED, burst, List.of(burst.start(),
                burst.start().plusSeconds(10)));
        assertThat(ticks.get(0).metrics()).containsOnlyKeys(MetricCheck.REQUEST_SUCCESS_RATE,
                MetricCheck.REQUEST_DURATION);
        // the canary served nothing in the minute before its first weight: 0/0
        assertThat(ticks.get(0).metrics().get(MetricCheck.REQUEST_SUCCESS_RATE))
                .isInstanceOfSatisfying(MetricResult.Value.class, v -> assertThat(v.value()).isNaN());
    }
}
