package dev.canary.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuleSyntaxTest {
    @Test
    void namesTheHeaderMatchersOfEachTraefikVersion() {
        assertThat(RuleSyntax.of("V3").header()).isEqualTo("Header");
        assertThat(RuleSyntax.of("v3").headerRegexp()).isEqualTo("HeaderRegexp");
        assertThat(RuleSyntax.of("v2").header()).isEqualTo("Headers");
        assertThat(RuleSyntax.of("v2").headerRegexp()).isEqualTo("HeadersRegexp");
    }

    @Test
    void anUnknownSyntaxNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> RuleSyntax.of("v1")).hasMessage("ruleSyntax must be v2 or v3 but was 'v1'");
    }
}
