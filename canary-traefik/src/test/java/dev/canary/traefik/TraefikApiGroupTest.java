package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraefikApiGroupTest {
    @Test
    void parsesBothGroupsIgnoringCaseAndSpaces() {
        assertThat(TraefikApiGroup.of(" Traefik.IO ")).isEqualTo(TraefikApiGroup.TRAEFIK_IO);
        assertThat(TraefikApiGroup.of("traefik.containo.us")).isEqualTo(TraefikApiGroup.TRAEFIK_CONTAINO_US);
    }

    @Test
    void theLegacyGroupDefaultsToTheV2RuleSyntax() {
        assertThat(TraefikApiGroup.TRAEFIK_IO.apiVersion()).isEqualTo("traefik.io/v1alpha1");
        assertThat(TraefikApiGroup.TRAEFIK_IO.defaultSyntax()).isEqualTo(RuleSyntax.V3);
        assertThat(TraefikApiGroup.TRAEFIK_CONTAINO_US.defaultSyntax()).isEqualTo(RuleSyntax.V2);
    }

    @Test
    void anUnknownGroupNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> TraefikApiGroup.of("traefik.example"))
                .hasMessage("apiGroup must be traefik.io or traefik.containo.us but was 'traefik.example'");
    }
}
