package dev.canary.kubernetes.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryExecution;
import dev.canary.RunStatus;
import dev.canary.kubernetes.faults.FaultInjector.Fault;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Phase;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import dev.canary.testkit.faults.Expect;
import dev.canary.testkit.faults.FaultLedger;
import dev.canary.testkit.faults.FaultReport;
import dev.canary.testkit.faults.Outcome;
import dev.canary.testkit.faults.RunDriver;
import dev.canary.testkit.faults.Trial;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kubernetes faults in the fault-injection suite: whole canaries on the fabric8 mock API server (CRUD mode), with
 * the Traefik router, the Kubernetes deployment target and the Kubernetes state store, while the API server
 * answers 409, 500 or after the call deadline, or another actor deletes the TraefikService, the target
 * Deployment or the state ConfigMap, during the progress, the promotion or the rollback. A trial whose cluster
 * ends in a half state (stored phase, primary image, target replicas or TraefikService weights not those of the
 * run's end) counts as a lost run.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@ExtendWith(FaultReport.class)
class KubernetesFaultsTest {
    private static final String NS = "kube-faults";
    private static final int MAX_TASKS = 3_000;
    /** A fault on for three intervals starts before the promotion is decided, so that it covers it. */
    private static final List<Stage> WINDOWS = List.of(Stage.PROGRESS, Stage.PROMOTION, Stage.ROLLBACK);
    /** A deletion during promotion strikes once the promotion was decided. */
    private static final List<Stage> STRIKES = List.of(Stage.PROGRESS, Stage.PROMOTING, Stage.ROLLBACK);

    KubernetesMockServer server;
    KubernetesClient client;

    private final MutableClock clock = MutableClock.at("2026-11-30T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private FaultInjector injector;
    private KubernetesClient runClient;
    private int canaries;

    /** Where in the run a fault strikes. */
    enum Stage {
        PROGRESS("during progress", s -> s.phase() == Phase.PROGRESSING && s.canaryWeight() >= 20, Expect.PROMOTED),
        PROMOTION("during promotion", s -> s.canaryWeight() >= 50, Expect.PROMOTED),
        /** For a one-off strike: the promotion decided, the primary being updated. */
        PROMOTING("during promotion", s -> s.phase() == Phase.PROMOTING || s.phase() == Phase.FINALISING,
                Expect.PROMOTED),
        ROLLBACK("during rollback", s -> s.failedChecks() >= 1, Expect.ROLLED_BACK);

        final String text;
        final Predicate<RunStatus> reached;
        final Expect expected;

        Stage(String text, Predicate<RunStatus> reached, Expect expected) {
            this.text = text;
            this.reached = reached;
            this.expected = expected;
        }
    }

    @BeforeEach
    void runClient() {
        injector = new FaultInjector(server, clock, interval().plusSeconds(1));
        // no retries of 5xx answers inside the client, so that every injected fault reaches the providers
        runClient = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig()
                .withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("faults", injector)));
    }

    @AfterEach
    void closeRunClient() {
        runClient.close();
    }

    private static Duration interval() {
        return spec("x").analysis().interval();
    }

    /** The seed spec with steps of 10 up to 50 and a threshold of 2, so that a trial takes few ticks. */
    private static CanarySpec spec(String name) {
        CanarySpec seed = ContractSpecs.seed(name, NS);
        return seed.toBuilder().analysis(seed.analysis().toBuilder().stepWeight(10).threshold(2).build()).build();
    }

    /**
     * Runs one canary to its end; once {@code stage} is reached, {@code strike} is called with the canary (the
     * first time) and {@code during} is true for {@code window} of run time.
     */
    private Outcome trial(Stage stage, Duration window, Consumer<MockCanary> strike, Consumer<Boolean> during) {
        MockCanary canary = new MockCanary(spec("app-" + canaries++), client);
        CanaryExecution run = canary.run(runClient).clock(clock).scheduler(scheduler).executor(scheduler).build()
                .start();
        Instant started = clock.instant();
        Instant[] struck = {null};
        RunDriver.Drive drive = new RunDriver(scheduler).drive(run, MAX_TASKS, n -> {
            canary.control();
            RunStatus status = run.status();
            if (stage == Stage.ROLLBACK && status.canaryWeight() >= 20) {
                canary.fail();
            }
            if (struck[0] == null && stage.reached.test(status)) {
                struck[0] = clock.instant();
                strike.accept(canary);
            }
            during.accept(struck[0] != null && clock.instant().isBefore(struck[0].plus(window)));
        });
        during.accept(false);
        Outcome outcome = drive.outcome(canary::routes);
        if (drive.result() == null) {
            // a run still going after thousands of ticks never ends: for the operator, a hang
            return outcome.hung() || outcome.lost() ? outcome : new Outcome(false, false, false, true,
                    !canary.routes().equals(dev.canary.spec.Routes.PRIMARY_ONLY), 0, "did not end: "
                    + outcome.detail());
        }
        List<String> half = canary.halfState(drive.result().phase(), started);
        String detail = (struck[0] == null ? "never struck; " : "") + outcome.detail()
                + (half.isEmpty() ? "" : "; half state: " + half);
        return new Outcome(outcome.promoted(), outcome.rolledBack(), outcome.lost() || !half.isEmpty()
                || struck[0] == null, outcome.hung(), outcome.trafficLeft(), 0, detail);
    }

    private void record(String fault, Stage stage, Expect expected, Outcome outcome) {
        Trial trial = FaultLedger.record(new Trial("kubernetes", fault, stage.text, expected, outcome));
        assertThat(trial.asExpected()).as("%s", trial).isTrue();
    }

    @Test
    void anApiServerThatMisbehavesForThreeIntervalsDelaysTheRunButEveryEndIsApplied() {
        for (Fault fault : Fault.values()) {
            for (Stage stage : WINDOWS) {
                int before = injector.injected();
                Outcome outcome = trial(stage, interval().multipliedBy(3), c -> { },
                        on -> injector.on(on ? fault : null));
                assertThat(injector.injected()).as("%s %s: faults injected", fault, stage).isGreaterThan(before);
                record(fault.text + " for 3 intervals", stage, stage.expected, outcome);
            }
        }
    }

    @Test
    void anApiServerFailingPastTheProgressDeadlineRollsTheCanaryBackOnceItAnswers() {
        Duration beyond = spec("x").progressDeadline().plus(interval().multipliedBy(3));
        record("500 on every request past the progress deadline", Stage.PROGRESS, Expect.ROLLED_BACK,
                trial(Stage.PROGRESS, beyond, c -> { }, on -> injector.on(on ? Fault.SERVER_ERROR : null)));
    }

    @Test
    void aTraefikServiceDeletedByAnotherActorIsCreatedAgain() {
        for (Stage stage : STRIKES) {
            record("TraefikService deleted by another actor", stage, stage.expected,
                    trial(stage, Duration.ZERO, MockCanary::deleteTraefikService, on -> { }));
        }
    }

    @Test
    void aStateConfigMapDeletedByAnotherActorIsWrittenAgainAndTheRunGoesOn() {
        for (Stage stage : STRIKES) {
            record("state ConfigMap deleted by another actor", stage, stage.expected,
                    trial(stage, Duration.ZERO, MockCanary::deleteState, on -> { }));
        }
    }

    @Test
    void aTargetDeploymentDeletedByAnotherActorEndsTheRunOnThePrimary() {
        for (Stage stage : STRIKES) {
            Expect expected = stage == Stage.PROMOTING ? Expect.PROMOTED : Expect.ROLLED_BACK;
            record("target Deployment deleted by another actor", stage, expected,
                    trial(stage, Duration.ZERO, MockCanary::deleteTarget, on -> { }));
        }
    }
}
