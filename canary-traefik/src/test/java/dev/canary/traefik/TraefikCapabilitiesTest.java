package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MatchRule;
import dev.canary.spec.StringMatch;
import dev.canary.spi.RouterCapability;
import dev.canary.testkit.ContractSpecs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TraefikCapabilitiesTest {
    static final CanarySpec HEADERS_AND_COOKIES = TraefikRouterTest.withAnalysis(a -> a.stepWeight(0).iterations(5)
            .match(List.of(MatchRule.header("x-canary", StringMatch.exact("insider")),
                    MatchRule.cookie("canary", StringMatch.exact("always")))));
    static final CanarySpec MIRRORED = TraefikRouterTest.withAnalysis(a -> a.mirror(true));

    @Nested
    class Required {
        @Test
        void aWeightedCanaryNeedsNothingBeyondWeights() {
            assertThat(TraefikCapabilities.required(ContractSpecs.seed())).isEmpty();
        }

        @Test
        void mirrorNeedsMirroringAndMatchRulesNeedHeaderAndCookieRouting() {
            assertThat(TraefikCapabilities.required(MIRRORED)).containsExactly(RouterCapability.MIRRORING);
            assertThat(TraefikCapabilities.required(HEADERS_AND_COOKIES))
                    .containsExactlyInAnyOrder(RouterCapability.HEADER_MATCH, RouterCapability.COOKIE_MATCH);
        }
    }

    @Nested
    class Problems {
        @Test
        void theFileModeCannotRouteByHeaderOrCookieAndTheMessagesNameTheModeThatCan() {
            assertThat(TraefikCapabilities.problems(HEADERS_AND_COOKIES, TraefikCapabilities.FILE, "traefik-file"))
                    .containsExactly(
                            "analysis.match needs header routing: use the `traefik` (CRD) router; the "
                                    + "`traefik-file` router cannot route by header",
                            "analysis.match needs cookie routing: use the `traefik` (CRD) router; the "
                                    + "`traefik-file` router cannot route by cookie");
        }

        @Test
        void theCrdModeCanServeEverySpec() {
            assertThat(TraefikCapabilities.problems(HEADERS_AND_COOKIES, TraefikCapabilities.CRD)).isEmpty();
            assertThat(TraefikCapabilities.problems(MIRRORED, TraefikCapabilities.CRD)).isEmpty();
        }

        @Test
        void aRouterWithoutMirroringIsToldWhichTraefikModesCanMirror() {
            assertThat(TraefikCapabilities.problems(MIRRORED, Set.of())).containsExactly("analysis.mirror needs "
                    + "mirroring: use the `traefik` (CRD) or `traefik-file` router; this router cannot mirror");
        }
    }
}
