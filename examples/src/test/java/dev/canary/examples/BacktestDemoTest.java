package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs {@code scripts/backtest}'s main on a real, backfilled Prometheus; fails when prometheus/promtool is missing. */
class BacktestDemoTest {
    @Test
    void backtestsTheSeedManifestOnTheGeneratedDayAndComparesAnotherThreshold() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BacktestDemo.run(new String[] {"--threshold", "5"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text).contains("Backtest of the seed manifest")
                .contains("release v1.3-error-burst from")
                .contains("checks: request-success-rate >= 99, request-duration <= 500")
                .contains("demo-canary/podinfo on 6 releases (weights: as the spec would have set them): "
                        + "3 promoted, 3 rolled back (50%), 0 undecided")
                .containsPattern("v1.3-error-burst +ROLLED BACK at \\d\\d:02:10 \\(130 s after the start\\), decided "
                        + "by request-success-rate \\(10 failed ticks\\)")
                .containsPattern("v1.4-slow +ROLLED BACK at \\d\\d:01:50 \\(110 s after the start\\), decided by "
                        + "request-duration")
                .containsPattern("v1.2-scrape-outage +PROMOTED at \\d\\d:02:40 \\(160 s after the start\\)")
                // threshold 5: the scrape outage's five no-data ticks now roll it back
                .containsPattern("\\* +v1.2-scrape-outage +promoted after 160 s +rolled back after 140 s "
                        + "\\(request-success-rate, request-duration\\)")
                .contains("1 of 6 releases decided differently");
    }

    @Test
    void comparesTheThresholdRuleWithSequentialChecks() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BacktestDemo.run(new String[] {"--sequential", "--summary"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("second (sequential)")
                .containsPattern("v1.3-error-burst +rolled back after 130 s \\(request-success-rate\\) +rolled back "
                        + "after \\d+ s \\(request-success-rate\\)")
                .containsPattern("v1.2-scrape-outage +promoted after 160 s +promoted after 110 s");
    }

    @Test
    void exitsWith2OnBadOptions() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BacktestDemo.run(new String[] {"--weights", "x"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--weights must be")
                .contains("usage: scripts/backtest");
    }
}
