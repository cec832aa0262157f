package dev.canary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.Routes;
import dev.canary.spi.RouterCapability;
import dev.canary.spi.TrafficRouter;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TrafficRouter} keeps. Subclass it in the provider module and return a router
 * backed by a fresh (fake or real) backend from {@link #router()}.
 */
public abstract class AbstractTrafficRouterContractTest {

    /** A router over a fresh backend, for each test. */
    protected abstract TrafficRouter router();

    /** The canary routed; the seed spec by default. */
    protected CanarySpec spec() {
        return ContractSpecs.seed();
    }

    @Test
    void reconcileStartsWithAllTrafficOnThePrimary() {
        TrafficRouter router = router();
        router.reconcile(spec());
        assertThat(router.routes(spec())).isEqualTo(Routes.PRIMARY_ONLY);
    }

    @Test
    void routesReadBackWhatWasSetThroughTheWholeSeedSequence() {
        TrafficRouter router = router();
        router.reconcile(spec());
        for (int weight : new int[] {5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 0}) {
            router.setRoutes(spec(), Routes.canary(weight));
            assertThat(router.routes(spec())).as("after setting canary weight %d", weight)
                    .isEqualTo(Routes.canary(weight));
        }
    }

    @Test
    void allTrafficCanGoToTheCanary() {
        TrafficRouter router = router();
        router.reconcile(spec());
        router.setRoutes(spec(), Routes.canary(100));
        assertThat(router.routes(spec())).isEqualTo(Routes.canary(100));
    }

    @Test
    void reconcileKeepsTheCurrentWeights() {
        TrafficRouter router = router();
        router.reconcile(spec());
        router.setRoutes(spec(), Routes.canary(30));
        router.reconcile(spec());
        assertThat(router.routes(spec())).isEqualTo(Routes.canary(30));
    }

    @Test
    void settingTheSameWeightsTwiceIsHarmless() {
        TrafficRouter router = router();
        router.reconcile(spec());
        router.setRoutes(spec(), Routes.canary(20));
        router.setRoutes(spec(), Routes.canary(20));
        assertThat(router.routes(spec())).isEqualTo(Routes.canary(20));
    }

    @Test
    void mirroringIsReadBackWhenTheRouterCanMirror() {
        TrafficRouter router = router();
        router.reconcile(spec());
        if (router.capabilities().contains(RouterCapability.MIRRORING)) {
            router.setRoutes(spec(), Routes.mirroredToCanary());
            assertThat(router.routes(spec())).isEqualTo(Routes.mirroredToCanary());
        }
        router.setRoutes(spec(), Routes.PRIMARY_ONLY);
        assertThat(router.routes(spec()).mirrored()).isFalse();
    }
}
