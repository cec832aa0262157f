package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.internal.InMemoryStateStore;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanaryException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.InvalidSpecException;
import dev.canary.spec.MatchRule;
import dev.canary.spec.Readiness;
import dev.canary.spec.Routes;
import dev.canary.spec.StringMatch;
import dev.canary.spec.TargetStatus;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.RouterCapability;
import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.ContractSpecs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanaryRunBuilderTest {
    static class WeightsOnlyRouter implements TrafficRouter {
        @Override
        public void reconcile(CanarySpec spec) {
        }

        @Override
        public Routes routes(CanarySpec spec) {
            return Routes.PRIMARY_ONLY;
        }

        @Override
        public void setRoutes(CanarySpec spec, Routes routes) {
        }
    }

    static final class StaticTarget implements DeploymentTarget {
        @Override
        public void initialize(CanarySpec spec) {
        }

        @Override
        public TargetStatus status(CanarySpec spec) {
            return new TargetStatus("v1", "v1", Readiness.READY, Readiness.READY);
        }

        @Override
        public void scaleCanaryUp(CanarySpec spec) {
        }

        @Override
        public void scaleCanaryDown(CanarySpec spec) {
        }

        @Override
        public void promote(CanarySpec spec) {
        }
    }

    private static CanarySpec abSpec() {
        return CanarySpec.builder("podinfo").analysis(AnalysisSpec.builder().iterations(5).mirror(false)
                .match(List.of(MatchRule.header("x-canary", StringMatch.exact("1")),
                        MatchRule.cookie("canary", StringMatch.exact("always"))))
                .build()).build();
    }

    @Test
    void aSpecIsRequired() {
        assertThatThrownBy(() -> CanaryRun.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("spec is required: call spec(CanarySpec) before build()");
    }

    @Test
    void aMissingRouterNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> CanaryRun.builder().spec(ContractSpecs.seed()).target(new StaticTarget()).build())
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("no traffic router found on the class path. Add dev.canary:canary-traefik");
    }

    @Test
    void checksWithoutAMetricsProviderNameTheArtifactToAdd() {
        assertThatThrownBy(() -> CanaryRun.builder().spec(ContractSpecs.seed()).router(new WeightsOnlyRouter())
                .target(new StaticTarget()).build())
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("dev.canary:canary-prometheus");
    }

    @Test
    void aRouterThatCannotMatchHeadersIsRejectedAtBuildTime() {
        assertThatThrownBy(() -> CanaryRun.builder().spec(abSpec()).router(new WeightsOnlyRouter())
                .target(new StaticTarget()).build())
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).containsExactly(
                        "analysis.match routes by header, but WeightsOnlyRouter cannot route by header",
                        "analysis.match routes by cookie, but WeightsOnlyRouter cannot route by cookie"));
    }

    @Test
    void aRouterThatCanMatchIsAccepted() {
        TrafficRouter capable = new WeightsOnlyRouter() {
            @Override
            public Set<RouterCapability> capabilities() {
                return Set.of(RouterCapability.HEADER_MATCH, RouterCapability.COOKIE_MATCH);
            }
        };
        assertThat(CanaryRun.builder().spec(abSpec()).router(capable).target(new StaticTarget()).build().spec())
                .isEqualTo(abSpec());
    }

    @Test
    void mirroringNeedsARouterThatMirrors() {
        CanarySpec spec = CanarySpec.builder("podinfo")
                .analysis(AnalysisSpec.builder().stepWeight(10).mirror(true).build()).build();
        assertThatThrownBy(() -> CanaryRun.builder().spec(spec).router(new WeightsOnlyRouter())
                .target(new StaticTarget()).build())
                .hasMessageContaining("analysis.mirror needs a router that can mirror traffic");
    }

    @Test
    void aWebhookWithoutUrlNeedsAGate() {
        CanarySpec spec = CanarySpec.builder("podinfo").analysis(AnalysisSpec.builder().stepWeight(10)
                .webhooks(WebhookSpec.gate("change-window", HookType.CONFIRM_ROLLOUT)).build()).build();
        assertThatThrownBy(() -> CanaryRun.builder().spec(spec).router(new WeightsOnlyRouter())
                .target(new StaticTarget()).build())
                .hasMessageContaining("webhook 'change-window' has no url and no gate is registered under that name");
        assertThat(CanaryRun.builder().spec(spec).router(new WeightsOnlyRouter()).target(new StaticTarget())
                .gate("change-window", request -> dev.canary.spec.GateResult.approve()).build()).isNotNull();
    }

    @Test
    void resumeNeedsAStoredState() {
        assertThatThrownBy(() -> CanaryRun.resume(ContractSpecs.seed(), new InMemoryStateStore())
                .router(new WeightsOnlyRouter()).target(new StaticTarget()).build())
                .isInstanceOf(CanaryException.class)
                .hasMessageStartingWith("no stored state for canary demo-canary/podinfo");
    }
}
