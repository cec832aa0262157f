package dev.canary.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryRun;
import dev.canary.internal.FileStateStore;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanaryException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricResult;
import dev.canary.spec.WebhookSpec;
import dev.canary.testkit.AbstractStateStoreContractTest;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import dev.canary.testkit.faults.Expect;
import dev.canary.testkit.faults.FaultLedger;
import dev.canary.testkit.faults.FaultReport;
import dev.canary.testkit.faults.Leaks;
import dev.canary.testkit.faults.Outcome;
import dev.canary.testkit.faults.RunDriver;
import dev.canary.testkit.faults.Trial;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stored state that is broken or out of range, and timeouts that are not bounded. Each is refused with a clear
 * error naming the store or the field; the run never starts over it (no restart from scratch, no action).
 */
@ExtendWith(FaultReport.class)
class StateFaultsTest {
    @TempDir
    Path dir;

    static final CanarySpec SPEC = CanarySpec.builder("podinfo").namespace("faults")
            .analysis(AnalysisSpec.builder().interval(Duration.ofSeconds(10)).stepWeight(10).build()).build();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "stored state null                | null                                        | the document is null",
        "stored weight 500                | \"canaryWeight\":30, > \"canaryWeight\":500,  | canaryWeight",
        "stored weight -20                | \"canaryWeight\":30, > \"canaryWeight\":-20,  | canaryWeight",
        "stored failedChecks -5           | \"failedChecks\":2, > \"failedChecks\":-5,    | failedChecks",
        "stored state with a second document | } > } {}                               | content after"})
    void brokenStoredStateIsAClearErrorAndNothingIsDone(String fault, String edit, String field) throws IOException {
        FileStateStore store = new FileStateStore(dir);
        store.save(SPEC.key(), AbstractStateStoreContractTest.richRun(30));
        Path file = store.fileOf(SPEC.key());
        String json = Files.readString(file);
        Files.writeString(file, apply(json, edit));
        FakeRouter router = new FakeRouter();
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        ManualScheduler scheduler = new ManualScheduler(clock);
        ExecutorService io = Executors.newFixedThreadPool(2);
        String seen;
        boolean clear;
        try {
            var run = CanaryRun.builder().spec(SPEC).router(router).target(new FakeTarget("v1", "v2"))
                    .metrics(q -> MetricResult.value(100)).stateStore(store).clock(clock).scheduler(scheduler)
                    .executor(io).build().start();
            new RunDriver(scheduler).drive(run, 3, n -> { });
            seen = "started: " + run.status().phase();
            clear = false;
        } catch (CanaryException e) {
            seen = e.getMessage();
            clear = seen.contains(file.toString()) && seen.contains(field);
        } catch (RuntimeException e) {
            seen = e.toString();
            clear = false;
        } finally {
            io.shutdownNow();
        }
        boolean acted = !router.applied().isEmpty();
        Trial trial = FaultLedger.record(new Trial("state", fault, "file state store", Expect.NO_RUN,
                new Outcome(false, false, !clear || acted, false, false, 0, seen)));
        assertThat(trial.asExpected()).as("%s", trial).isTrue();
    }

    @ParameterizedTest(name = "webhook timeout {0}")
    @CsvSource({"720h", "2h"})
    void aWebhookTimeoutAboveOneHourIsRefused(String timeout) {
        String seen;
        boolean refused;
        try {
            CanarySpec.builder("podinfo").analysis(AnalysisSpec.builder().interval(Duration.ofSeconds(10))
                    .stepWeight(10).webhooks(new WebhookSpec("slow", HookType.ROLLOUT,
                            URI.create("http://loadtester.test/"), dev.canary.spi.Durations.parse(timeout),
                            java.util.Map.of(), 0, false, false)).build()).build();
            seen = "accepted";
            refused = false;
        } catch (CanaryException e) {
            seen = e.getMessage();
            refused = seen.contains("timeout must be at most PT1H");
        }
        Trial trial = FaultLedger.record(new Trial("timeouts", "webhook timeout " + timeout,
                "spec", Expect.NO_RUN, new Outcome(false, false, false, !refused, false, 0, seen)));
        assertThat(trial.asExpected()).as("%s", trial).isTrue();
    }

    @ParameterizedTest(name = "webhook timeout {0} with an interval of 10s")
    @CsvSource({"5m", "1h"})
    void aWebhookTimeoutLongerThanTheIntervalIsCappedToItWithAWarning(String timeout) {
        CanarySpec spec = SPEC.toBuilder().analysis(SPEC.analysis().toBuilder().interval(Duration.ofSeconds(10))
                .webhooks(new WebhookSpec("load-test", HookType.ROLLOUT, URI.create("http://loadtester.test/"),
                        dev.canary.spi.Durations.parse(timeout), java.util.Map.of(), 0, false, false)).build()).build();
        CanaryRun run;
        String log;
        try (Leaks capture = new Leaks(java.util.List.of())) {
            run = CanaryRun.builder().spec(spec).router(new FakeRouter()).target(new FakeTarget("v1", "v2"))
                    .metrics(q -> MetricResult.value(100)).stateStore(new dev.canary.internal.InMemoryStateStore())
                    .clock(MutableClock.at("2026-11-26T10:00:00Z")).build();
            log = capture.log();
        }
        Duration used = run.spec().analysis().webhooks().get(0).timeout();
        boolean warned = log.contains("webhook load-test has timeout " + timeout
                + ", longer than analysis.interval; capped to 10s");
        Trial trial = FaultLedger.record(new Trial("timeouts", "webhook timeout " + timeout + ", interval 10s",
                "run built", Expect.NO_RUN, new Outcome(false, false, false, !used.equals(Duration.ofSeconds(10)),
                false, 0, "timeout used " + used + (warned ? ", warned" : ", no warning in: " + log))));
        assertThat(trial.asExpected()).as("%s", trial).isTrue();
        assertThat(warned).as("%s", trial).isTrue();
    }

    private static String apply(String json, String edit) {
        if (!edit.contains(" > ")) {
            return edit;
        }
        String[] parts = edit.split(" > ");
        if (parts[0].equals("}")) {
            return json + parts[1].substring(1);
        }
        assertThat(json).contains(parts[0]);
        return json.replace(parts[0], parts[1]);
    }
}
