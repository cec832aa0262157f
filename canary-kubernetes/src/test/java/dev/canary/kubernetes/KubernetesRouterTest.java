package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.CanaryEvent;
import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.CanaryRun;
import dev.canary.manifest.CanaryManifest;
import dev.canary.manifest.CanaryManifests;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.GateResult;
import dev.canary.spec.InvalidSpecException;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spec.Severity;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.AbstractTrafficRouterContractTest;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KubernetesRouterTest extends AbstractTrafficRouterContractTest {

    @Override
    protected TrafficRouter router() {
        return new KubernetesRouter();
    }

    @Test
    void startsWithAllTrafficOnThePrimaryAndDeclaresNoCapabilities() {
        KubernetesRouter router = new KubernetesRouter();
        assertThat(router.routes(ContractSpecs.seed())).isEqualTo(Routes.PRIMARY_ONLY);
        assertThat(router.capabilities()).isEmpty();
    }

    @Test
    void keepsTheRoutesOfEachCanaryApart() {
        KubernetesRouter router = new KubernetesRouter();
        CanarySpec other = ContractSpecs.seed().toBuilder().namespace("other").build();
        router.setRoutes(ContractSpecs.seed(), Routes.canary(100));
        assertThat(router.routes(other)).isEqualTo(Routes.PRIMARY_ONLY);
    }

    @Nested
    class Factory {
        private final KubernetesRouterFactory factory = new KubernetesRouterFactory();

        @Test
        void isNamedKubernetesBelowTheRoutersThatMoveTraffic() {
            assertThat(factory.name()).isEqualTo("kubernetes");
            assertThat(factory.priority()).isLessThan(-1);
            assertThat(factory.create(ProviderConfig.EMPTY)).isInstanceOf(KubernetesRouter.class);
        }

        @Test
        void refusesSettings() {
            assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("ingressRoute", "podinfo"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the kubernetes router takes no settings but was given [ingressRoute]");
        }
    }

    /** Flagger's Blue/Green example with {@code provider: kubernetes}, run with the router chosen by name. */
    @Nested
    class BlueGreenRuns {
        private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        private final ManualScheduler scheduler = new ManualScheduler(clock);
        private final ExecutorService io = Executors.newFixedThreadPool(2);
        private final FakeTarget target = new FakeTarget("v1", "v2");
        private final List<CanaryEvent> events = new ArrayList<>();

        @AfterEach
        void stop() {
            io.shutdownNow();
        }

        private CanaryManifest manifest() throws Exception {
            try (InputStream in = getClass().getResourceAsStream("/manifests/flagger/kubernetes-bluegreen-e2e.yaml")) {
                return CanaryManifests.load(in).onlyCanary();
            }
        }

        private CanaryResult run(double successRate) throws Exception {
            CanaryManifest canary = manifest();
            MetricsProvider metrics = q -> MetricResult.value(q.check().name().equals("request-success-rate")
                    ? successRate : 100);
            CanaryExecution execution = canary.applyTo(CanaryRun.builder()).target(target).metrics(metrics)
                    .gate("gate", r -> GateResult.approve()).gate("acceptance-test", r -> GateResult.approve())
                    .gate("load-test", r -> GateResult.approve()).listener(events::add)
                    .clock(clock).scheduler(scheduler).executor(scheduler).build().start();
            for (int i = 0; i < 200 && !execution.result().isDone(); i++) {
                scheduler.runNext();
            }
            assertThat(execution.result()).isDone();
            return execution.result().join();
        }

        @Test
        void aHealthyCanaryIsPromotedAfterItsIterationsWithoutRouterWarnings() throws Exception {
            assertThat(manifest().spec().analysis().iterations()).isEqualTo(5);

            CanaryResult result = run(100);

            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(target.primaryRevision()).isEqualTo("v2");
            assertThat(events).noneSatisfy(e -> assertThat(e).isInstanceOfSatisfying(CanaryEvent.Note.class,
                    n -> assertThat(n.severity()).isEqualTo(Severity.WARN)));
        }

        @Test
        void aFailingCanaryIsRolledBackAndTheRollbackIsConfirmed() throws Exception {
            CanaryResult result = run(90);

            assertThat(result.phase()).isEqualTo(Phase.FAILED);
            assertThat(target.primaryRevision()).isEqualTo("v1");
            assertThat(target.canaryReplicas()).isZero();
        }

        @Test
        void aSpecThatMirrorsFailsWhenTheRunIsBuilt() throws Exception {
            CanarySpec spec = manifest().spec();
            CanarySpec mirrored = spec.toBuilder().analysis(AnalysisSpec.builder().iterations(5).mirror(true)
                    .build()).build();

            assertThatThrownBy(() -> CanaryRun.builder().spec(mirrored).router("kubernetes").target(target).build())
                    .isInstanceOf(InvalidSpecException.class).hasMessageContaining("analysis.mirror");
        }
    }
}
