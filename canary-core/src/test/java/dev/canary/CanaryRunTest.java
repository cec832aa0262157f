package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.engine.RunState;
import dev.canary.internal.FileStateStore;
import dev.canary.internal.InMemoryStateStore;
import dev.canary.internal.StateCodec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spi.MetricQuery;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.RunLease;
import dev.canary.spi.StateStore;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.LogCapture;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives whole runs tick by tick with a manual scheduler and a fake clock. */
class CanaryRunTest {
    private static final CanarySpec SEED = ContractSpecs.seed();
    private static final int MAX_TICKS = 500;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ExecutorService io = Executors.newFixedThreadPool(4);
    private final FakeRouter router = new FakeRouter();
    private final FakeTarget target = new FakeTarget("v1", "v2");
    private final List<CanaryEvent> events = new ArrayList<>();

    @AfterEach
    void stopPool() {
        io.shutdownNow();
    }

    /** Success rate 100 and p99 100 ms when healthy; 90 % success when not. */
    private static MetricsProvider metrics(boolean healthy) {
        return query -> MetricResult.value(query.check().name().equals("request-success-rate")
                ? (healthy ? 100 : 90) : 100);
    }

    private CanaryRun.Builder run(MetricsProvider metrics, StateStore store) {
        return CanaryRun.builder().spec(SEED).router(router).target(target).metrics(metrics).stateStore(store)
                .clock(clock).scheduler(scheduler).executor(scheduler).listener(events::add);
    }

    private CanaryResult drive(CanaryExecution execution) {
        for (int i = 0; i < MAX_TICKS && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        assertThat(execution.result()).as("the run ended within %d ticks", MAX_TICKS).isDone();
        return execution.result().join();
    }

    @Nested
    class SeedConfiguration {
        @Test
        void aHealthyCanaryClimbsToTheCeilingAndIsPromoted() {
            CanaryResult result = drive(run(metrics(true), new InMemoryStateStore()).build().start());

            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(router.canaryWeights()).containsExactly(5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 0);
            assertThat(target.primaryRevision()).isEqualTo("v2");
            assertThat(target.canaryReplicas()).isZero();
            assertThat(result.status().history()).allSatisfy(r -> assertThat(r.summary()).isNotBlank());
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CanaryEvent.Promoted.class));
        }

        @Test
        void aBadCanaryIsRolledBackAfterTenFailedChecks() {
            CanaryResult result = drive(run(metrics(false), new InMemoryStateStore()).build().start());

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(result.status().failedChecks()).isEqualTo(10);
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
            assertThat(target.primaryRevision()).isEqualTo("v1");
            assertThat(target.canaryReplicas()).isZero();
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CanaryEvent.RolledBack.class));
        }

        @Test
        void ticksAreOneIntervalApart() {
            CanaryExecution execution = run(metrics(true), new InMemoryStateStore()).build().start();
            drive(execution);
            List<Instant> ticks = events.stream().filter(e -> e instanceof CanaryEvent.Ticked)
                    .map(CanaryEvent::at).toList();
            for (int i = 1; i < ticks.size(); i++) {
                assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).isEqualTo(Duration.ofSeconds(10));
            }
        }
    }

    @Nested
    class Rollback {
        @Test
        void isRetriedUntilTheRouterConfirmsAndOnlyThenReportedFailed() {
            CanaryExecution execution = run(metrics(false), new InMemoryStateStore()).build().start();
            while (execution.status().failedChecks() < 9) {
                scheduler.runNext();
            }
            router.failNext(3);
            for (int i = 0; i < MAX_TICKS && !execution.result().isDone(); i++) {
                scheduler.runNext();
                if (execution.status().phase() == Phase.FAILED) {
                    assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
                }
            }
            assertThat(execution.result().join().phase()).isEqualTo(Phase.FAILED);
            assertThat(router.failuresLeft()).as("every simulated outage was hit").isZero();
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
        }
    }

    @Nested
    class WriteAhead {
        @Test
        void theStateIsStoredBeforeTheRouterIsChanged(@TempDir Path dir) {
            StateStore store = new FileStateStore(dir);
            router.beforeSet(routes -> assertThat(store.load(SEED.key()).orElseThrow().canaryWeight())
                    .isEqualTo(routes.canary()));
            assertThat(drive(run(metrics(true), store).build().start()).phase()).isEqualTo(Phase.SUCCEEDED);
        }

        @Test
        void aRunResumedByANewProcessContinuesWhereTheLastStopped(@TempDir Path dir) {
            StateStore store = new FileStateStore(dir);
            CanaryExecution first = run(metrics(true), store).build().start();
            while (router.canaryWeights().size() < 4) {
                scheduler.runNext();
            }
            // the first process dies: its scheduled ticks never run
            scheduler.shutdownNow();
            RunState stored = StateCodec.decode(store.load(SEED.key()).orElseThrow().document());
            assertThat(stored.canaryWeight()).isEqualTo(20);

            ManualScheduler second = new ManualScheduler(clock);
            CanaryExecution resumed = CanaryRun.resume(SEED, store).router(router).target(target)
                    .metrics(metrics(true)).clock(clock).scheduler(second).executor(second).build().start();
            for (int i = 0; i < MAX_TICKS && !resumed.result().isDone(); i++) {
                second.runNext();
            }
            assertThat(resumed.result().join().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(router.canaryWeights()).containsExactly(5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 0);
            assertThat(first.result()).isNotDone();
        }
    }

    @Nested
    class Commands {
        @Test
        void abortRollsBack() {
            CanaryExecution execution = run(metrics(true), new InMemoryStateStore()).build().start();
            while (router.canaryWeights().size() < 3) {
                scheduler.runNext();
            }
            execution.abort("pager went off");
            CanaryResult result = drive(execution);
            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
            assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("pager went off"));
        }

        @Test
        void promoteNowSkipsTheRestOfTheAnalysis() {
            CanaryExecution execution = run(metrics(true), new InMemoryStateStore()).build().start();
            while (router.canaryWeights().size() < 2) {
                scheduler.runNext();
            }
            execution.promoteNow();
            CanaryResult result = drive(execution);
            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(router.canaryWeights()).doesNotContain(50);
            assertThat(target.primaryRevision()).isEqualTo("v2");
        }

        @Test
        void aPausedRunChangesNothing() {
            CanaryExecution execution = run(metrics(true), new InMemoryStateStore()).build().start();
            while (router.canaryWeights().size() < 2) {
                scheduler.runNext();
            }
            execution.pause();
            List<Integer> before = router.canaryWeights();
            for (int i = 0; i < 20; i++) {
                scheduler.runNext();
            }
            assertThat(router.canaryWeights()).isEqualTo(before);
            assertThat(execution.isPaused()).isTrue();
            execution.resume();
            assertThat(drive(execution).phase()).isEqualTo(Phase.SUCCEEDED);
        }
    }

    @Nested
    class Providers {
        @Test
        void aProcessWithoutTheLeaseDoesNotAct() {
            RunLease heldElsewhere = new RunLease() {
                @Override
                public Optional<Instant> acquire(String key) {
                    return Optional.empty();
                }

                @Override
                public void release(String key) {
                }
            };
            CanaryExecution execution = run(metrics(true), new InMemoryStateStore()).lease(heldElsewhere).build()
                    .start();
            for (int i = 0; i < 30; i++) {
                scheduler.runNext();
            }
            assertThat(router.applied()).isEmpty();
            assertThat(target.primaryRevision()).isNull();
            assertThat(execution.result()).isNotDone();
        }

        @Test
        void allChecksOfATickAreQueriedConcurrently() {
            MetricsProvider rendezvous = new MetricsProvider() {
                private final List<CompletableFuture<Void>> waiting = new ArrayList<>();

                @Override
                public MetricResult query(MetricQuery query) {
                    return new MetricResult.Failed("queried one after the other", "");
                }

                /** Each query answers only once the other was asked: only concurrent queries can both succeed. */
                @Override
                public synchronized CompletionStage<MetricResult> queryAsync(MetricQuery query, Executor blocking) {
                    CompletableFuture<Void> asked = new CompletableFuture<>();
                    waiting.add(asked);
                    if (waiting.size() == 2) {
                        waiting.forEach(f -> f.complete(null));
                        waiting.clear();
                    }
                    return asked.thenApply(ignored -> metrics(true).query(query));
                }
            };
            CanaryResult result = drive(run(rendezvous, new InMemoryStateStore()).build().start());
            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(result.status().failedChecks()).isZero();
        }

        @Test
        void aListenerThatThrowsDoesNotStopTheRun() {
            CanaryResult result = drive(run(metrics(true), new InMemoryStateStore()).listener(event -> {
                throw new IllegalStateException("listener bug");
            }).build().start());
            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
        }

        @Test
        void aListenersAndATargetsExceptionsAreLoggedOnOneLine() {
            String forged = "2026-11-26 10:00:00 INFO canary demo-canary/podinfo: promoted";
            FakeTarget flaky = new FakeTarget("v1", "v2") {
                private int calls;

                @Override
                public synchronized dev.canary.spec.TargetStatus status(CanarySpec spec) {
                    if (++calls == 3) {
                        throw new ProviderException("fake-target", "unavailable\r\n" + forged);
                    }
                    return super.status(spec);
                }
            };
            try (LogCapture log = LogCapture.of("dev.canary.internal.Runner", "dev.canary.internal.Publisher")) {
                CanaryResult result = drive(CanaryRun.builder().spec(SEED).router(router).target(flaky)
                        .metrics(metrics(true)).clock(clock).scheduler(scheduler).executor(scheduler)
                        .listener(event -> {
                            throw new IllegalStateException("listener bug\n" + forged);
                        }).build().start());

                assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
                assertThat(log.linesWith(forged)).anySatisfy(line -> assertThat(line).contains("tick failed")
                        .contains("unavailable")).anySatisfy(line -> assertThat(line).contains("listener bug\\u000A"));
                assertThat(log.lines()).noneMatch(line -> line.startsWith(forged));
            }
        }

        @Test
        void aLeaseThatFailsToReleaseIsLoggedOnOneLine() {
            String forged = "2026-11-26 10:00:00 INFO canary demo-canary/podinfo: promoted";
            RunLease failing = new RunLease() {
                @Override
                public Optional<Instant> acquire(String key) {
                    return Optional.of(Instant.MAX);
                }

                @Override
                public void release(String key) {
                    throw new IllegalStateException("lease store gone\r\n" + forged);
                }
            };
            try (LogCapture log = LogCapture.of("dev.canary.internal.Endings")) {
                CanaryResult result = drive(run(metrics(true), new InMemoryStateStore()).lease(failing).build()
                        .start());

                assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
                assertThat(log.linesWith(forged)).singleElement().satisfies(line -> assertThat(line)
                        .contains("lease release failed: ").contains("lease store gone\\u000D\\u000A2026"));
                assertThat(log.lines()).noneMatch(line -> line.startsWith(forged));
            }
        }

        @Test
        void aRouterOutageMidAnalysisIsRetriedWithoutCountingAFailure() {
            CanaryExecution execution = run(metrics(true), new InMemoryStateStore()).build().start();
            for (int i = 0; i < MAX_TICKS && execution.status().canaryWeight() < 20; i++) {
                scheduler.runNext();
            }
            router.failNext(3);

            CanaryResult result = drive(execution);

            assertThat(router.failuresLeft()).as("every simulated outage was hit").isZero();
            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(result.status().failedChecks()).isZero();
            assertThat(router.canaryWeights()).containsExactly(5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 0);
        }

        @Test
        void aTargetOutageSkipsTheTickWithoutCountingAFailure() {
            FakeTarget flaky = new FakeTarget("v1", "v2") {
                private int calls;

                @Override
                public synchronized dev.canary.spec.TargetStatus status(CanarySpec spec) {
                    if (++calls % 3 == 0) {
                        throw new ProviderException("fake-target", "API server unavailable");
                    }
                    return super.status(spec);
                }
            };
            CanaryResult result = drive(CanaryRun.builder().spec(SEED).router(router).target(flaky)
                    .metrics(metrics(true)).clock(clock).scheduler(scheduler).executor(scheduler).build().start());
            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(result.status().failedChecks()).isZero();
        }
    }
}
