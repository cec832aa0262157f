package dev.canary.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.ProviderNotFoundException;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.ProviderFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderSelectorTest {
    record Factory(String name, int priority) implements ProviderFactory<String> {
        @Override
        public String create(ProviderConfig config) {
            if (config.get("fail").isPresent()) {
                throw new IllegalArgumentException("address is required");
            }
            return name;
        }
    }

    @Test
    void picksTheNamedFactory() {
        List<Factory> all = List.of(new Factory("a", 5), new Factory("b", 0));
        assertThat(ProviderSelector.select("router", all, "b", "x:y").name()).isEqualTo("b");
    }

    @Test
    void picksTheHighestPriorityWithoutAName() {
        List<Factory> all = List.of(new Factory("low", -1), new Factory("high", 10), new Factory("mid", 0));
        assertThat(ProviderSelector.select("router", all, null, "x:y").name()).isEqualTo("high");
    }

    @Test
    void aTieIsResolvedByNameSoTheChoiceIsStable() {
        List<Factory> all = List.of(new Factory("zeta", 1), new Factory("alpha", 1));
        assertThat(ProviderSelector.select("router", all, null, "x:y").name()).isEqualTo("alpha");
    }

    @Test
    void noFactoryNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> ProviderSelector.select("traffic router", List.<Factory>of(), null,
                "dev.canary:canary-traefik"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessage("no traffic router found on the class path. Add dev.canary:canary-traefik to your "
                        + "dependencies, or pass an instance to CanaryRun.builder()");
    }

    @Test
    void anUnknownNameListsTheAvailableOnes() {
        assertThatThrownBy(() -> ProviderSelector.select("traffic router", List.of(new Factory("traefik", 0)),
                "istio", "dev.canary:canary-traefik"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageStartingWith("no traffic router named 'istio' on the class path; available: [traefik (");
    }

    @Test
    void configurationErrorsNameTheProvider() {
        assertThatThrownBy(() -> ProviderSelector.create("metrics provider", new Factory("prometheus", 0),
                ProviderConfig.of(java.util.Map.of("fail", "yes"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metrics provider 'prometheus': address is required");
    }
}
