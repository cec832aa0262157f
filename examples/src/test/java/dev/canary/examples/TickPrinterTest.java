package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryEvent;
import dev.canary.RunStatus;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickPrinterTest {
    private static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TickPrinter printer = new TickPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            ZoneOffset.UTC);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static RunStatus status(Phase phase, int weight, Map<String, CheckEvaluation> checks) {
        return new RunStatus("demo/podinfo", AT, phase, weight, false, 1, 3, 0, checks, List.of(), null);
    }

    private static CheckEvaluation check(String name, Double value) {
        return new CheckEvaluation(name, Verdict.PASS, value, ThresholdRange.UNBOUNDED, 10, "", "");
    }

    @Test
    void printsOneLinePerTickWithTimePhaseWeightFailedChecksSuccessRateAndP99() {
        printer.printHeader();
        printer.onEvent(new CanaryEvent.Ticked("demo/podinfo", AT, status(Phase.PROGRESSING, 20, Map.of(
                MetricCheck.REQUEST_SUCCESS_RATE, check(MetricCheck.REQUEST_SUCCESS_RATE, 99.5),
                MetricCheck.REQUEST_DURATION, check(MetricCheck.REQUEST_DURATION, 12.34)))));
        assertThat(printed().lines().toList()).containsExactly(
                "TIME      PHASE             WEIGHT  FAILED   SUCCESS        P99",
                "10:15:30  Progressing           20     1/3    99.50%     12.3ms");
    }

    @Test
    void printsADashForACheckWithoutValue() {
        printer.onEvent(new CanaryEvent.Ticked("demo/podinfo", AT, status(Phase.INITIALIZED, 0, Map.of(
                MetricCheck.REQUEST_SUCCESS_RATE, check(MetricCheck.REQUEST_SUCCESS_RATE, null)))));
        assertThat(printed()).isEqualTo("10:15:30  Initialized            0     1/3         -          -\n");
    }

    @Test
    void printsWarningNotesIndentedButNotOtherEventsTheTickLinesShow() {
        printer.onEvent(new CanaryEvent.Note("demo/podinfo", AT, Severity.WARN, "tick failed, retrying: boom"));
        printer.onEvent(new CanaryEvent.Note("demo/podinfo", AT, Severity.INFO, "starting canary analysis"));
        printer.onEvent(new CanaryEvent.WeightChanged("demo/podinfo", AT, 0, 10, false));
        printer.onEvent(new CanaryEvent.PhaseChanged("demo/podinfo", AT, Phase.PROGRESSING, Phase.FAILED, "x"));
        printer.onEvent(new CanaryEvent.RolledBack("demo/podinfo", AT, "x", 3));
        assertThat(printed()).isEqualTo("          ! tick failed, retrying: boom\n");
    }

    @Test
    void printsWhyEachTickThatAddedAFailedCheckFailedButNotTheRollbackAgain() {
        CheckEvaluation low = new CheckEvaluation(MetricCheck.REQUEST_SUCCESS_RATE, Verdict.FAIL, 92.5,
                ThresholdRange.atLeast(99), 40, "92.5 outside [99.0, +inf]", "");
        CheckEvaluation noData = new CheckEvaluation(MetricCheck.REQUEST_DURATION, Verdict.FAIL, null,
                ThresholdRange.atMost(500), -1, "no data: no request reached the canary", "");
        CheckEvaluation fine = check(MetricCheck.REQUEST_DURATION, 12.0);
        printer.onEvent(ticked(0, List.of(), null));
        printer.onEvent(ticked(1, List.of(decision(1, "failed check 1/3, holding at weight 10: load-test failed",
                List.of())), null));
        printer.onEvent(ticked(2, List.of(decision(2, "failed check 2/3", List.of(low, fine))), null));
        printer.onEvent(ticked(2, List.of(decision(2, "passed, weight 10 -> 20", List.of(fine))), null));
        printer.onEvent(ticked(3, List.of(decision(3, "failed check 3/3", List.of(noData))), null));
        printer.onEvent(ticked(4, List.of(decision(4, "rolling back: threshold", List.of(low))), "threshold"));
        assertThat(printed().lines().filter(line -> line.startsWith(TickPrinter.NOTE)).toList()).containsExactly(
                TickPrinter.NOTE + "failed check 1/3, holding at weight 10: load-test failed",
                TickPrinter.NOTE + "failed check 2/3: request-success-rate 92.5 outside [99.0, +inf] (40 requests)",
                TickPrinter.NOTE + "failed check 3/3: request-duration no data: no request reached the canary");
    }

    private static CanaryEvent.Ticked ticked(int failed, List<DecisionRecord> history, String rollbackPending) {
        return new CanaryEvent.Ticked("demo/podinfo", AT, new RunStatus("demo/podinfo", AT, Phase.PROGRESSING, 10,
                false, failed, 3, 0, Map.of(), history, rollbackPending));
    }

    private static DecisionRecord decision(int failed, String summary, List<CheckEvaluation> checks) {
        return new DecisionRecord(1, AT, Phase.PROGRESSING, 10, failed, summary, checks);
    }

    @Test
    void remembersTheWeightOfEveryTick() {
        for (int weight : new int[] {0, 10, 20, 0}) {
            printer.onEvent(new CanaryEvent.Ticked("demo/podinfo", AT, status(Phase.PROGRESSING, weight, Map.of())));
        }
        assertThat(printer.weights()).containsExactly(0, 10, 20, 0);
    }
}
