package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.CanaryRun;
import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import dev.canary.testkit.faults.Expect;
import dev.canary.testkit.faults.FaultLedger;
import dev.canary.testkit.faults.FaultReport;
import dev.canary.testkit.faults.Outcome;
import dev.canary.testkit.faults.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole run on the Traefik router over the fabric8 mock server, with the TraefikService deleted mid-run; a row
 * of the fault-injection suite's table (area {@code router}).
 */
@ExtendWith(FaultReport.class)
class TraefikRouterInRunTest {
    static final CanarySpec SEED = ContractSpecs.seed();

    @RegisterExtension
    final MockTraefik mock = new MockTraefik();

    @Test
    void aTraefikServiceDeletedByAnotherActorIsCreatedAgainAndTheRunIsPromoted() {
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        ManualScheduler scheduler = new ManualScheduler(clock);
        TraefikRouter router = mock.router().build();
        CanaryExecution execution = CanaryRun.builder().spec(SEED).router(router).target(new FakeTarget("v1", "v2"))
                .metrics(query -> MetricResult.value(100)).stateStore(new InMemoryStateStore()).clock(clock)
                .scheduler(scheduler).executor(scheduler).build().start();
        for (int i = 0; i < 100 && execution.status().canaryWeight() < 20; i++) {
            scheduler.runNext();
        }
        assertThat(router.routes(SEED)).isEqualTo(Routes.canary(20));

        mock.client().genericKubernetesResources(MockTraefik.context(TraefikApiGroup.TRAEFIK_IO, "TraefikService"))
                .inNamespace("demo-canary").withName("podinfo").delete();
        assertThat(mock.get(TraefikApiGroup.TRAEFIK_IO, "TraefikService", "demo-canary", "podinfo")).isEmpty();
        for (int i = 0; i < 200 && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }

        assertThat(execution.result()).isDone();
        CanaryResult result = execution.result().join();
        assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(mock.get(TraefikApiGroup.TRAEFIK_IO, "TraefikService", "demo-canary", "podinfo")).isPresent();
        assertThat(router.routes(SEED)).isEqualTo(Routes.PRIMARY_ONLY);
        Trial trial = FaultLedger.record(new Trial("router", "TraefikService deleted by another actor",
                "at weight 20", Expect.PROMOTED, Outcome.of(execution, router.routes(SEED))));
        assertThat(trial.asExpected()).as("%s", trial).isTrue();
    }
}
