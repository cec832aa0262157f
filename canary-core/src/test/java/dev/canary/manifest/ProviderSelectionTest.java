package dev.canary.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSelectionTest {
    @Test
    void aChoiceGivesAProviderConfigAndHidesSecretsWhenPrinted() {
        ProviderSelection.Choice choice = new ProviderSelection.Choice("prometheus",
                Map.of("address", "http://prom:9090", "token", "s3cr3t"));

        assertThat(choice.config().get("token")).contains("s3cr3t");
        assertThat(choice).hasToString("prometheus{address=http://prom:9090, token=***}");
    }

    @Test
    void namesTheFactoriesFlaggersFieldsMapTo() {
        assertThat(ProviderSelection.PROMETHEUS).isEqualTo("prometheus");
        assertThat(ProviderSelection.KUBERNETES).isEqualTo("kubernetes");
    }
}
